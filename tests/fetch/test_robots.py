"""robots.txt: read once per host, honoured, and its failures handled as Google documents."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time

import httpx
import pytest

from tests.fetch.conftest import fast_config
from tests.fetch.fault_server import FaultServer, Reply, html, redirect, status
from wirehouse.fetch.client import HttpFetcher
from wirehouse.fetch.results import Fetched, FetchFailed, FetchOutcome, FetchRequest
from wirehouse.fetch.robots import RobotsCache, robots_url, rules_from

pytestmark = pytest.mark.timeout(30)

PAGE = html("<html><body><p>A page.</p></body></html>")


def robots(text: str) -> Reply:
    return Reply(body=text.encode(), headers={"Content-Type": "text/plain"})


def fetch_all(server: FaultServer, paths: list[str], **config: object) -> list[FetchOutcome]:
    with HttpFetcher(fast_config(**config)) as fetcher:
        return list(fetcher.fetch_all(FetchRequest(server.url(p)) for p in paths))


def by_path(outcomes: list[FetchOutcome]) -> dict[str, FetchOutcome]:
    return {httpx.URL(o.request.url).raw_path.decode(): o for o in outcomes}


def test_disallowed_paths_are_not_fetched_and_robots_is_read_once(server: FaultServer) -> None:
    server.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /private\n")
    server.routes["/public"] = PAGE
    server.routes["/private/x"] = PAGE
    paths = ["/public", "/private/x"] * 5
    outcomes = by_path(fetch_all(server, paths))
    assert isinstance(outcomes["/public"], Fetched)
    refused = outcomes["/private/x"]
    assert isinstance(refused, FetchFailed) and refused.reason == "robots_disallowed"
    assert "robots.txt disallows" in refused.detail
    assert server.paths().count("/robots.txt") == 1
    assert "/private/x" not in server.paths()


def test_the_group_for_our_product_token_wins_over_the_star(server: FaultServer) -> None:
    server.routes["/robots.txt"] = robots(
        "User-agent: *\nAllow: /\n\nUser-agent: Wirehouse\nDisallow: /\n"
    )
    server.routes["/a"] = PAGE
    (outcome,) = fetch_all(server, ["/a"])
    assert isinstance(outcome, FetchFailed) and outcome.reason == "robots_disallowed"


@pytest.mark.parametrize("code", [401, 403, 404, 410])
def test_a_4xx_robots_txt_allows_everything(server: FaultServer, code: int) -> None:
    server.routes["/robots.txt"] = status(code)
    server.routes["/a"] = PAGE
    (outcome,) = fetch_all(server, ["/a"])
    assert isinstance(outcome, Fetched)


@pytest.mark.parametrize("code", [429, 500, 503])
def test_a_failing_robots_txt_closes_the_host_for_the_run(server: FaultServer, code: int) -> None:
    server.routes["/robots.txt"] = status(code)
    server.routes["/a"] = PAGE
    outcomes = fetch_all(server, ["/a", "/a?2"])
    for outcome in outcomes:
        assert isinstance(outcome, FetchFailed) and outcome.reason == "robots_disallowed"
        assert f"robots.txt unavailable (HTTP {code})" in outcome.detail
    assert "/a" not in server.paths()
    assert server.paths().count("/robots.txt") == 3  # one fetch, retried twice, then cached


def test_only_the_first_500_kib_of_a_huge_robots_txt_count(server: FaultServer) -> None:
    filler = "# a comment line to pad the file out\n" * 20_000  # about 740 KiB
    text = "User-agent: *\nDisallow: /early\n" + filler + "Disallow: /late\n"
    server.routes["/robots.txt"] = Reply(body=text.encode(), headers={"Content-Type": "text/html"})
    server.routes["/early"] = PAGE
    server.routes["/late"] = PAGE
    outcomes = by_path(fetch_all(server, ["/early", "/late"]))
    early, late = outcomes["/early"], outcomes["/late"]
    assert isinstance(early, FetchFailed) and early.reason == "robots_disallowed"
    assert isinstance(late, Fetched)  # its rule lies past the first 500 KiB


def test_a_redirected_robots_txt_is_followed(server: FaultServer) -> None:
    server.routes["/robots.txt"] = redirect("/rules.txt", 301)
    server.routes["/rules.txt"] = robots("User-agent: *\nDisallow: /no\n")
    server.routes["/no"] = PAGE
    (outcome,) = fetch_all(server, ["/no"])
    assert isinstance(outcome, FetchFailed) and outcome.reason == "robots_disallowed"


def test_crawl_delay_is_a_floor_on_the_gap_between_requests(server: FaultServer) -> None:
    server.routes["/robots.txt"] = robots("User-agent: *\nCrawl-delay: 0.3\n")
    server.routes["/p"] = PAGE
    fetch_all(server, [f"/p?{n}" for n in range(4)], delay_seconds=0.0, per_host=4)
    pages = sorted(r.started for r in server.requests if r.path.startswith("/p"))
    gaps = [later - earlier for earlier, later in itertools.pairwise(pages)]
    assert len(gaps) == 3 and min(gaps) >= 0.27, gaps


@pytest.mark.timeout(10)  # an uncapped Crawl-delay of an hour would trip this
def test_a_hostile_crawl_delay_is_cut_to_the_longest_wait(server: FaultServer) -> None:
    server.routes["/robots.txt"] = robots("User-agent: *\nCrawl-delay: 3600\n")
    server.routes["/p"] = PAGE
    outcomes = fetch_all(server, ["/p?1", "/p?2", "/p?3"], max_wait_seconds=0.2)
    assert all(isinstance(o, Fetched) for o in outcomes)
    pages = sorted(r.started for r in server.requests if r.path.startswith("/p"))
    assert min(b - a for a, b in itertools.pairwise(pages)) >= 0.18


def test_each_origin_has_its_own_robots_txt() -> None:
    shut_robots = robots("User-agent: *\nDisallow: /\n")
    with (
        FaultServer({"/robots.txt": shut_robots, "/a": PAGE}) as closed,
        FaultServer({"/a": PAGE}) as open_,
        HttpFetcher(fast_config()) as fetcher,
    ):
        shut = fetcher.fetch_one(FetchRequest(closed.url("/a")))
        fine = fetcher.fetch_one(FetchRequest(open_.url("/a")))
        assert fetcher.stats.robots_files == 2
    assert isinstance(shut, FetchFailed) and isinstance(fine, Fetched)


def test_robots_url_drops_path_query_and_credentials() -> None:
    url = httpx.URL("https://user:pw@news.example:8443/a/b?c=1#frag")
    assert robots_url(url) == "https://news.example:8443/robots.txt"


def test_many_threads_asking_at_once_fetch_robots_txt_once() -> None:
    calls: list[str] = []

    def slow_fetch(url: str) -> FetchOutcome:
        calls.append(url)
        time.sleep(0.1)
        return FetchFailed(FetchRequest(url), "http_error", f"{url}: HTTP 404", status=404)

    cache = RobotsCache(slow_fetch)
    url = httpx.URL("http://news.test/a")
    threads = [threading.Thread(target=cache.rules, args=(url,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["http://news.test/robots.txt"]
    assert cache.rules(url).allows("http://news.test/anything")


def test_rules_from_a_fetched_file() -> None:
    request = FetchRequest("http://news.test/robots.txt")
    body = b"User-agent: *\nDisallow: /drafts/\nCrawl-delay: 2\n"
    fetched = Fetched(
        request, request.url, 200, body, "text/plain", None, None, None, dt.datetime.now(dt.UTC)
    )
    rules = rules_from(fetched)
    assert rules.crawl_delay == 2.0
    assert not rules.allows("http://news.test/drafts/1")
    assert rules.allows("http://news.test/2024/story")
