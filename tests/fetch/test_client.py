"""The HTTP client against a real server on 127.0.0.1 serving pages and faults.

Each fault must end in a retry, a FetchFailed with its reason, or a refusal: never an
exception, never a hang (the timeout marks are a safety net, not the assertion).
"""

from __future__ import annotations

import gzip
import itertools
import time
import zlib
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from tests.fetch.conftest import fast_config
from tests.fetch.fault_server import (
    FaultServer,
    Reply,
    big_page,
    conditional,
    dribble,
    gzip_bomb,
    html,
    redirect,
    sequence,
    status,
    truncated,
)
from wirehouse.fetch.body import BodyTooLarge, TruncatedBody, read_limited
from wirehouse.fetch.client import HttpFetcher
from wirehouse.fetch.content import FEED_TYPES, PAGE_TYPES
from wirehouse.fetch.policy import FetchConfig, HostPolicy
from wirehouse.fetch.results import Fetched, FetchFailed, FetchOutcome, FetchRequest, NotModified
from wirehouse.settings import Settings

pytestmark = pytest.mark.timeout(30)

PAGE = "<!doctype html><html><head><title>T</title></head><body><p>Talks resume.</p></body></html>"


def fetch(fetcher: HttpFetcher, url: str, **kwargs: object) -> FetchOutcome:
    return fetcher.fetch_one(FetchRequest(url), **kwargs)  # type: ignore[arg-type]


def failed(outcome: FetchOutcome, reason: str) -> FetchFailed:
    assert isinstance(outcome, FetchFailed), outcome
    assert outcome.reason == reason, outcome
    assert outcome.request.url in outcome.detail  # the detail names the URL
    assert "\n" not in outcome.detail
    return outcome


# -- pages ------------------------------------------------------------------------------


def test_a_page_comes_back_with_its_headers_and_an_honest_user_agent(server: FaultServer) -> None:
    server.routes["/a"] = html(
        PAGE, ETag='"v1"', **{"Last-Modified": "Mon, 06 May 2024 08:00:00 GMT"}
    )
    with HttpFetcher(fast_config(user_agent="Wirehouse/9 (+https://ops.example/bot)")) as fetcher:
        outcome = fetch(fetcher, server.url("/a"))
    assert isinstance(outcome, Fetched)
    assert outcome.body == PAGE.encode()
    assert (outcome.status, outcome.content_type, outcome.charset) == (200, "text/html", "utf-8")
    assert (outcome.etag, outcome.last_modified) == ('"v1"', "Mon, 06 May 2024 08:00:00 GMT")
    assert outcome.final_url == server.url("/a")
    page_request = server.hits("/a")[0]
    assert page_request.headers["user-agent"] == "Wirehouse/9 (+https://ops.example/bot)"
    assert "if-none-match" not in page_request.headers
    assert server.paths() == ["/robots.txt", "/a"]


def test_cookies_are_not_kept_between_requests(server: FaultServer, fetcher: HttpFetcher) -> None:
    server.routes["/set"] = html(PAGE, **{"Set-Cookie": "session=abc; Path=/"})
    server.routes["/next"] = html(PAGE)
    fetch(fetcher, server.url("/set"))
    fetch(fetcher, server.url("/next"))
    assert "cookie" not in server.hits("/next")[0].headers


def test_a_gzipped_page_is_inflated(server: FaultServer, fetcher: HttpFetcher) -> None:
    server.routes["/z"] = Reply(
        body=gzip.compress(PAGE.encode()),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    outcome = fetch(fetcher, server.url("/z"))
    assert isinstance(outcome, Fetched) and outcome.body == PAGE.encode()
    assert server.hits("/z")[0].headers["accept-encoding"] == "gzip, deflate"


def test_an_encoding_we_did_not_ask_for_is_an_http_error(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/br"] = Reply(body=b"\x8b\x02", headers={"Content-Encoding": "br"})
    assert "br" in failed(fetch(fetcher, server.url("/br")), "http_error").detail


@pytest.mark.parametrize(
    ("header_charset", "meta_charset"), [("iso-8859-1", "utf-8"), (None, "windows-1252")]
)
def test_the_header_charset_is_passed_on_and_the_bytes_untouched(
    server: FaultServer, fetcher: HttpFetcher, header_charset: str | None, meta_charset: str
) -> None:
    # Which of header and meta wins is transforms/decoding.py's business, not the client's.
    text = f'<html><head><meta charset="{meta_charset}"></head><body>Café</body></html>'
    server.routes["/c"] = html(text, charset=header_charset)
    outcome = fetch(fetcher, server.url("/c"))
    assert isinstance(outcome, Fetched)
    assert outcome.charset == header_charset
    assert outcome.body == text.encode(header_charset or "utf-8")


@pytest.mark.parametrize(
    ("content_type", "accept", "taken"),
    [
        ("image/png", PAGE_TYPES, False),
        ("application/pdf", None, True),
        ("text/html; charset=utf-8", FEED_TYPES, False),
        ("application/rss+xml", FEED_TYPES, True),
        ("application/xhtml+xml", PAGE_TYPES, True),
    ],
)
def test_content_types_the_caller_does_not_take_are_refused(
    server: FaultServer,
    fetcher: HttpFetcher,
    content_type: str,
    accept: frozenset[str] | None,
    taken: bool,
) -> None:
    server.routes["/t"] = Reply(body=b"<x/>", headers={"Content-Type": content_type})
    outcome = fetch(fetcher, server.url("/t"), accept=accept)
    if taken:
        assert isinstance(outcome, Fetched)
    else:
        assert content_type.split(";")[0] in failed(outcome, "bad_content_type").detail


def test_a_missing_content_type_is_judged_by_the_body(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/markup"] = Reply(body=b"\n  <html><p>hi</p></html>", headers={})
    server.routes["/binary"] = Reply(body=b"\x89PNG\r\n", headers={})
    markup = fetch(fetcher, server.url("/markup"))
    assert isinstance(markup, Fetched) and markup.content_type is None
    failed(fetch(fetcher, server.url("/binary")), "bad_content_type")


# -- retries ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [500, 502, 503, 504, 429])
def test_a_transient_status_is_retried(server: FaultServer, code: int) -> None:
    server.routes["/flaky"] = sequence(status(code), html(PAGE))
    with HttpFetcher(fast_config()) as fetcher:
        outcome = fetch(fetcher, server.url("/flaky"))
        assert isinstance(outcome, Fetched)
        assert fetcher.stats.retries == 1
    assert len(server.hits("/flaky")) == 2


def test_a_server_that_keeps_failing_ends_in_http_error_after_the_retries(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/down"] = status(503)
    outcome = failed(fetch(fetcher, server.url("/down")), "http_error")
    assert (outcome.status, outcome.attempts) == (503, 3)
    assert len(server.hits("/down")) == 3


def test_a_404_is_not_retried(server: FaultServer, fetcher: HttpFetcher) -> None:
    outcome = failed(fetch(fetcher, server.url("/nowhere")), "http_error")
    assert (outcome.status, outcome.attempts) == (404, 1)


@pytest.mark.parametrize("retry_after", ["1", "HTTP-DATE"])
def test_retry_after_is_honoured(
    server: FaultServer, fetcher: HttpFetcher, retry_after: str
) -> None:
    if retry_after == "HTTP-DATE":
        # Two seconds ahead: HTTP dates have whole seconds, so the wait is between 1 and 2.
        retry_after = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 2))
    server.routes["/busy"] = sequence(status(429, **{"Retry-After": retry_after}), html(PAGE))
    outcome = fetch(fetcher, server.url("/busy"))
    assert isinstance(outcome, Fetched)
    first, second = server.hits("/busy")
    assert second.started - first.started >= 0.9


def test_a_retry_after_longer_than_we_wait_fails_at_once(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/later"] = status(503, **{"Retry-After": "3600"})
    outcome = failed(fetch(fetcher, server.url("/later")), "http_error")
    assert outcome.attempts == 1 and "3600" in outcome.detail
    assert len(server.hits("/later")) == 1


def test_a_truncated_body_is_retried_then_reported(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/cut"] = truncated(b"<html><body>half a pa", declared=5000)
    outcome = failed(fetch(fetcher, server.url("/cut")), "truncated")
    assert outcome.attempts == 3
    assert len(server.hits("/cut")) == 3


def test_a_truncated_body_that_then_arrives_whole_is_fetched(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/cut-once"] = sequence(truncated(b"<html>", declared=len(PAGE)), html(PAGE))
    outcome = fetch(fetcher, server.url("/cut-once"))
    assert isinstance(outcome, Fetched) and outcome.body == PAGE.encode()


def test_a_closed_port_is_a_connection_error_after_the_retries(server: FaultServer) -> None:
    with FaultServer() as gone:
        url = gone.url("/a")
    with HttpFetcher(fast_config()) as fetcher:
        outcome = failed(fetch(fetcher, url), "connection_error")
        stats = fetcher.stats
    # robots.txt was asked first (and retried); its failure closes the host for the run.
    assert "robots.txt unavailable" in outcome.detail
    assert stats.requests == 3 and stats.retries == 2


# -- timeouts ---------------------------------------------------------------------------


def test_a_response_slower_than_the_read_timeout_times_out(server: FaultServer) -> None:
    server.routes["/slow"] = Reply(body=PAGE.encode(), delay=2.0)
    with HttpFetcher(fast_config(timeout_seconds=0.3)) as fetcher:
        outcome = failed(fetch(fetcher, server.url("/slow")), "timeout")
    assert outcome.attempts == 1  # a slow server is not asked again


def test_a_server_dribbling_bytes_is_cut_off_at_the_deadline(server: FaultServer) -> None:
    # One byte a second never trips the 2 s read timeout; only the deadline stops it.
    server.routes["/drip"] = dribble(PAGE.encode(), interval=1.0)
    with HttpFetcher(fast_config(deadline_seconds=1.5)) as fetcher:
        started = time.monotonic()
        outcome = failed(fetch(fetcher, server.url("/drip")), "timeout")
        assert "within 1.5 s" in outcome.detail
        assert time.monotonic() - started < 10  # the safety net, loosely: it did stop


def test_headers_dribbled_slowly_are_cut_off_too(server: FaultServer) -> None:
    def slow_headers(request: object) -> Reply:
        return Reply(body=PAGE.encode(), delay=0.6)

    # Each delay is under the read timeout; the deadline covers waiting for the headers.
    server.routes["/late"] = slow_headers
    with HttpFetcher(fast_config(deadline_seconds=0.3, timeout_seconds=5)) as fetcher:
        failed(fetch(fetcher, server.url("/late")), "timeout")


# -- redirects --------------------------------------------------------------------------


def test_redirects_are_followed_relative_and_absolute(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/old"] = redirect("/middle", 301)
    server.routes["/middle"] = redirect(server.url("/new"), 307)
    server.routes["/new"] = html(PAGE)
    outcome = fetch(fetcher, server.url("/old"))
    assert isinstance(outcome, Fetched)
    assert outcome.final_url == server.url("/new")
    assert outcome.request.url == server.url("/old")


def test_a_redirect_loop_is_caught(server: FaultServer, fetcher: HttpFetcher) -> None:
    server.routes["/ping"] = redirect("/pong")
    server.routes["/pong"] = redirect("/ping")
    failed(fetch(fetcher, server.url("/ping")), "redirect_loop")
    assert server.paths().count("/ping") == 1


def test_too_many_redirects(server: FaultServer) -> None:
    for hop in range(10):
        server.routes[f"/hop{hop}"] = redirect(f"/hop{hop + 1}")
    with HttpFetcher(fast_config(max_redirects=3)) as fetcher:
        failed(fetch(fetcher, server.url("/hop0")), "too_many_redirects")
    assert [p for p in server.paths() if p.startswith("/hop")] == [
        "/hop0",
        "/hop1",
        "/hop2",
        "/hop3",
    ]


@pytest.mark.parametrize(
    "target", ["ftp://127.0.0.1/file", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"]
)
def test_a_redirect_to_another_scheme_is_refused(
    server: FaultServer, fetcher: HttpFetcher, target: str
) -> None:
    server.routes["/away"] = redirect(target)
    failed(fetch(fetcher, server.url("/away")), "refused_scheme")


def test_a_redirect_to_the_metadata_address_is_refused(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/meta"] = redirect("http://169.254.169.254/latest/meta-data/")
    outcome = failed(fetch(fetcher, server.url("/meta")), "refused_address")
    assert "169.254.169.254" in outcome.detail and "metadata" in outcome.detail


def test_a_malformed_location_ends_in_a_failure_not_an_exception(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/bad-location"] = Reply(status=302, headers={"Location": "http://[::1"})
    outcome = failed(fetch(fetcher, server.url("/bad-location")), "http_error")
    assert "location" in outcome.detail.lower() and outcome.attempts == 1


def test_a_redirect_without_location_is_an_http_error(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/nowhere-to-go"] = status(302)
    failed(fetch(fetcher, server.url("/nowhere-to-go")), "http_error")


@pytest.mark.parametrize("url", ["not a url", "http://", "mailto:desk@news.example", ""])
def test_bad_urls_are_refused_not_raised(fetcher: HttpFetcher, url: str) -> None:
    outcome = fetch(fetcher, url)
    assert isinstance(outcome, FetchFailed) and outcome.reason == "refused_scheme"


# -- sizes ------------------------------------------------------------------------------


def test_a_gzip_bomb_stops_at_the_limit(server: FaultServer, fetcher: HttpFetcher) -> None:
    bomb = gzip_bomb(10 * 1024 * 1024)
    assert isinstance(bomb.body, bytes) and len(bomb.body) < 20_000
    server.routes["/bomb"] = bomb
    failed(fetch(fetcher, server.url("/bomb")), "decompression_bomb")


@pytest.mark.parametrize("with_length", [True, False])
def test_a_50_mb_page_is_too_large(server: FaultServer, with_length: bool) -> None:
    server.routes["/huge"] = big_page(50 * 1024 * 1024, with_length=with_length)
    with HttpFetcher(fast_config(max_bytes=1024 * 1024)) as fetcher:
        outcome = failed(fetch(fetcher, server.url("/huge")), "too_large")
        received = fetcher.stats.bytes_received
    if with_length:
        assert "Content-Length" in outcome.detail and received < 64 * 1024
    else:
        assert received < 2 * 1024 * 1024  # stopped near the limit, not at 50 MB


def test_a_body_exactly_at_the_limit_is_fetched(server: FaultServer) -> None:
    server.routes["/exact"] = Reply(body=b"<" + bytes(999), headers={"Content-Type": "text/html"})
    with HttpFetcher(fast_config(max_bytes=1000)) as fetcher:
        outcome = fetch(fetcher, server.url("/exact"))
    assert isinstance(outcome, Fetched) and len(outcome.body) == 1000


# -- conditional requests ---------------------------------------------------------------


def test_an_unchanged_page_is_a_304_by_etag(server: FaultServer, fetcher: HttpFetcher) -> None:
    server.routes["/e"] = conditional(html(PAGE), etag='"abc"')
    first = fetch(fetcher, server.url("/e"))
    assert isinstance(first, Fetched) and first.etag == '"abc"'
    again = fetcher.fetch_one(FetchRequest(server.url("/e"), etag=first.etag))
    assert isinstance(again, NotModified)
    assert server.hits("/e")[1].headers["if-none-match"] == '"abc"'
    assert fetcher.stats.not_modified == 1


def test_an_unchanged_page_is_a_304_by_last_modified(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    stamp = "Mon, 06 May 2024 08:00:00 GMT"
    server.routes["/lm"] = conditional(html(PAGE), last_modified=stamp)
    first = fetch(fetcher, server.url("/lm"))
    assert isinstance(first, Fetched) and first.last_modified == stamp
    again = fetcher.fetch_one(FetchRequest(server.url("/lm"), last_modified=stamp))
    assert isinstance(again, NotModified)
    assert server.hits("/lm")[1].headers["if-modified-since"] == stamp


def test_a_changed_page_comes_back_whole(server: FaultServer, fetcher: HttpFetcher) -> None:
    server.routes["/e"] = conditional(html(PAGE), etag='"new"')
    outcome = fetcher.fetch_one(FetchRequest(server.url("/e"), etag='"old"'))
    assert isinstance(outcome, Fetched) and outcome.etag == '"new"'


def test_a_validator_that_cannot_be_a_header_is_not_sent(
    server: FaultServer, fetcher: HttpFetcher
) -> None:
    server.routes["/v"] = conditional(html(PAGE), etag='"ok"')
    for bad in ('"caf\u00e9"', '"a"\r\nX-Injected: 1'):
        outcome = fetcher.fetch_one(FetchRequest(server.url("/v"), etag=bad))
        assert isinstance(outcome, Fetched)
    assert all("if-none-match" not in r.headers for r in server.hits("/v"))


def test_a_304_to_a_plain_request_is_an_error(server: FaultServer, fetcher: HttpFetcher) -> None:
    server.routes["/odd"] = Reply(status=304)
    failed(fetch(fetcher, server.url("/odd")), "http_error")


# -- many URLs, politeness --------------------------------------------------------------


def test_fetch_all_gives_one_outcome_per_request_with_its_context(server: FaultServer) -> None:
    for n in range(30):
        server.routes[f"/p{n}"] = html(PAGE) if n % 3 else status(404)
    requests = [FetchRequest(server.url(f"/p{n}"), context={"n": n}) for n in range(30)]
    with HttpFetcher(fast_config(per_host=3)) as fetcher:
        outcomes = list(fetcher.fetch_all(iter(requests)))
        stats = fetcher.stats
    assert sorted(o.request.context["n"] for o in outcomes) == list(range(30))  # type: ignore[type-var]
    assert sum(isinstance(o, Fetched) for o in outcomes) == 20
    assert stats.fetched == 20 and stats.failures == {"http_error": 10}
    assert stats.requests == 31 and stats.robots_files == 1  # 30 pages and one robots.txt


def test_stopping_early_does_not_fetch_everything(server: FaultServer) -> None:
    server.routes["/slowish"] = Reply(body=PAGE.encode(), delay=0.05)
    requests = (FetchRequest(server.url(f"/slowish?{n}")) for n in itertools.count())
    with HttpFetcher(fast_config(workers=2)) as fetcher:
        for count, _outcome in enumerate(fetcher.fetch_all(requests), start=1):
            if count == 5:
                break
    assert 5 <= len(server.requests) - 1 <= 8


def test_the_per_host_limit_holds_on_each_host() -> None:
    # Slow enough that requests let in together overlap even on a busy machine.
    slow = Reply(body=PAGE.encode(), headers={"Content-Type": "text/html"}, delay=0.3)
    with FaultServer({"/p": slow}) as first, FaultServer({"/p": slow}) as second:
        requests = [FetchRequest(first.url(f"/p?{n}")) for n in range(9)]
        requests += [FetchRequest(second.url(f"/p?{n}")) for n in range(4)]
        config = fast_config(
            workers=8,
            per_host=3,
            host_policies={f"127.0.0.1:{second.port}": HostPolicy(0.0, 1)},
        )
        with HttpFetcher(config) as fetcher:
            outcomes = list(fetcher.fetch_all(requests))
    assert all(isinstance(o, Fetched) for o in outcomes)
    assert first.max_in_flight() == 3  # reached, never passed
    assert second.max_in_flight() == 1  # the per-host override


def test_the_per_host_delay_is_respected(server: FaultServer) -> None:
    server.routes["/d"] = html(PAGE)
    requests = [FetchRequest(server.url(f"/d?{n}")) for n in range(5)]
    with HttpFetcher(fast_config(delay_seconds=0.2, per_host=3)) as fetcher:
        list(fetcher.fetch_all(requests))
    starts = sorted(r.started for r in server.requests)
    assert len(starts) == 6  # robots.txt and five pages
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.18, gaps


def test_policies_added_between_fetches_hold_for_a_host_already_met(server: FaultServer) -> None:
    server.routes["/d"] = html(PAGE)
    with HttpFetcher(fast_config(delay_seconds=0.0, per_host=3)) as fetcher:
        list(fetcher.fetch_all([FetchRequest(server.url(f"/d?a{n}")) for n in range(3)]))
        fetcher.extend_policies({"127.0.0.1": HostPolicy(0.2, 1)})
        fetcher.extend_policies({"127.0.0.1": HostPolicy(0.0, 4)})  # the politer one stays
        before = len(server.requests)
        list(fetcher.fetch_all([FetchRequest(server.url(f"/d?b{n}")) for n in range(4)]))
        robots_files = fetcher.stats.robots_files
    starts = sorted(r.started for r in server.requests[before:])
    assert len(starts) == 4 and robots_files == 1  # robots.txt was asked in the first round
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.18, gaps


# -- bodies, configuration ----------------------------------------------------------------


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-15)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("gzip", lambda data: gzip.compress(data[:10]) + gzip.compress(data[10:])),  # 2 members
        ("deflate", zlib.compress),  # zlib-wrapped, as RFC 9110 says
        ("deflate", _raw_deflate),  # raw, as many servers send it
        ("identity", lambda data: data),
    ],
)
def test_bodies_are_inflated_in_every_form_servers_send(
    encoding: str, encode: Callable[[bytes], bytes]
) -> None:
    packed = encode(PAGE.encode())
    chunks = [packed[i : i + 7] for i in range(0, len(packed), 7)]  # split mid-stream
    assert read_limited(chunks, encoding=encoding, limit=10_000) == PAGE.encode()


def test_a_gzip_body_cut_short_is_truncated() -> None:
    packed = gzip.compress(PAGE.encode() * 20)
    with pytest.raises(TruncatedBody):
        read_limited([packed[: len(packed) // 2]], encoding="gzip", limit=100_000)


def test_a_big_but_ordinary_compressed_page_is_too_large_not_a_bomb() -> None:
    text = "".join(f"<p>Paragraph {n} of a long story.</p>" for n in range(40_000)).encode()
    with pytest.raises(BodyTooLarge) as caught:
        read_limited([gzip.compress(text)], encoding="gzip", limit=100_000)
    assert not caught.value.bomb


def test_the_config_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREHOUSE_FETCH_ALLOW_NETWORKS", '["10.0.0.0/8", "fd00::/8"]')
    monkeypatch.setenv("WIREHOUSE_FETCH_RESOLVE", '{"News.Test": "127.0.0.1"}')
    monkeypatch.setenv("WIREHOUSE_USER_AGENT_CONTACT", "mailto:ops@news.example")
    monkeypatch.setenv("WIREHOUSE_FETCH_PER_HOST", "1")
    policies = {"slow.example": HostPolicy(5.0, 1)}
    config = FetchConfig.from_settings(Settings(), host_policies=policies)
    assert config.user_agent == "Wirehouse/0.1.0 (+mailto:ops@news.example)"
    assert [str(n) for n in config.allow_networks] == ["10.0.0.0/8", "fd00::/8"]
    assert dict(config.pinned_addresses) == {"news.test": "127.0.0.1"}
    assert config.policy_for("slow.example:443") == HostPolicy(5.0, 1)  # by bare host
    assert config.policy_for("fast.example:443") == HostPolicy(1.0, 1)  # the defaults


def test_a_bad_network_in_the_settings_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREHOUSE_FETCH_ALLOW_NETWORKS", '["not-a-network"]')
    with pytest.raises(ValidationError, match="fetch_allow_networks"):
        Settings()
