"""The SSRF guard: refused addresses, the allow-list, and checks at connection time."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fetch.conftest import LOOPBACK, fast_config
from tests.fetch.fault_server import FaultServer, html, redirect
from wirehouse.fetch.client import HttpFetcher
from wirehouse.fetch.guard import AddressGuard, AddressRefused, HostNotFound
from wirehouse.fetch.results import Fetched, FetchFailed, FetchRequest
from wirehouse.fetch.transport import GuardedTransport

pytestmark = pytest.mark.timeout(30)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "cloud metadata service"),
        ("169.254.1.1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.100.100.200", "Alibaba Cloud metadata service"),
        ("168.63.129.16", "Azure WireServer"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("::", "unspecified"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "unique local (private)"),
        ("fd00:ec2::254", "AWS metadata service (IPv6)"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "cloud metadata service"),
        ("64:ff9b::a9fe:a9fe", "cloud metadata service"),  # NAT64 of 169.254.169.254
        ("2002:0a00:0001::", "private"),  # 6to4 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_with_what_they_are(address: str, kind: str) -> None:
    assert AddressGuard().why_refused(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "1.1.1.1"])
def test_public_addresses_pass(address: str) -> None:
    assert AddressGuard().why_refused(ipaddress.ip_address(address)) is None


def test_the_allow_list_lets_its_networks_through_and_nothing_else() -> None:
    guard = AddressGuard(allow=LOOPBACK)
    assert guard.why_refused(ipaddress.ip_address("127.0.0.1")) is None
    assert guard.why_refused(ipaddress.ip_address("::ffff:127.0.0.1")) is None
    assert guard.why_refused(ipaddress.ip_address("10.0.0.1")) == "private"
    assert guard.why_refused(ipaddress.ip_address("::1")) == "loopback"  # IPv6 not allowed


def resolver(answers: dict[str, Sequence[str]]) -> AddressGuard:
    return AddressGuard(resolver=lambda host, _port: answers[host])


def test_a_name_with_any_refused_address_is_refused() -> None:
    guard = resolver({"mixed.test": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(AddressRefused, match=r"mixed\.test resolves to 10\.0\.0\.7.*private"):
        guard.resolve("mixed.test", 80)


def test_a_public_name_resolves_to_its_checked_addresses() -> None:
    guard = resolver({"news.test": ["93.184.216.34", "2606:4700:4700::1111"]})
    assert guard.resolve("News.Test", 443) == ["93.184.216.34", "2606:4700:4700::1111"]


def test_unresolvable_names_are_host_not_found() -> None:
    def fail(host: str, port: int) -> Sequence[str]:
        raise OSError("Name or service not known")

    with pytest.raises(HostNotFound, match=r"nowhere\.test"):
        AddressGuard(resolver=fail).resolve("nowhere.test", 80)
    with pytest.raises(HostNotFound):
        resolver({"empty.test": []}).resolve("empty.test", 80)


def test_pinned_names_skip_dns_but_not_the_guard() -> None:
    pinned = AddressGuard(pinned={"site.test": "127.0.0.1"})
    with pytest.raises(AddressRefused):
        pinned.resolve("site.test", 80)
    allowed = AddressGuard(allow=LOOPBACK, pinned={"site.test": "127.0.0.1"})
    assert allowed.resolve("site.test", 80) == ["127.0.0.1"]
    assert allowed.resolve("SITE.test.", 80) == ["127.0.0.1"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",  # the system resolver answers this one without a network
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f.1/",  # and in inet_aton's hex form
        "http://[::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://10.0.0.1:8080/admin",
    ],
)
def test_without_an_allow_list_the_fetcher_refuses_internal_urls(url: str) -> None:
    with HttpFetcher(fast_config(allow_networks=())) as fetcher:
        outcome = fetcher.fetch_one(FetchRequest(url))
        assert fetcher.stats.requests == 0  # refused before any connection
    assert isinstance(outcome, FetchFailed) and outcome.reason == "refused_address", outcome


def test_every_redirect_hop_is_checked(server: FaultServer) -> None:
    """A public-looking start that redirects inside is refused at the hop."""
    server.routes["/in"] = redirect("http://intranet.test/secrets")
    answers = {"intranet.test": ["192.168.0.10"]}
    with HttpFetcher(fast_config(), resolver=lambda host, port: answers[host]) as fetcher:
        outcome = fetcher.fetch_one(FetchRequest(server.url("/in")))
    assert isinstance(outcome, FetchFailed) and outcome.reason == "refused_address"
    assert "intranet.test resolves to 192.168.0.10" in outcome.detail


def test_a_name_that_rebinds_after_the_check_is_refused_at_connect(server: FaultServer) -> None:
    """DNS rebinding: the name answers an allowed address to the fetcher's checks (the page
    and its robots.txt), a forbidden one when the connection is opened. The transport checks
    the address it connects to, so nothing is reached."""
    calls: list[str] = []

    def rebinding(host: str, port: int) -> Sequence[str]:
        calls.append(host)
        return ["127.0.0.1"] if len(calls) <= 2 else ["169.254.169.254"]

    with HttpFetcher(fast_config(), resolver=rebinding) as fetcher:
        outcome = fetcher.fetch_one(FetchRequest(f"http://rebind.test:{server.port}/page"))
    assert isinstance(outcome, FetchFailed) and outcome.reason == "refused_address", outcome
    assert "169.254.169.254" in outcome.detail
    assert server.requests == []  # nothing reached any server
    assert len(calls) == 3


def test_the_transport_connects_to_the_address_the_guard_gave(server: FaultServer) -> None:
    server.routes["/"] = html("<p>pinned</p>")
    guard = AddressGuard(allow=LOOPBACK, resolver=lambda host, port: ["127.0.0.1"])
    with httpx.Client(transport=GuardedTransport(guard)) as client:
        response = client.get(f"http://no-such-name.test:{server.port}/")
    assert response.text == "<p>pinned</p>"
    assert server.requests[0].host == "no-such-name.test"  # the Host header kept the name
    refusing = AddressGuard(resolver=lambda host, port: ["127.0.0.1"])
    with (
        httpx.Client(transport=GuardedTransport(refusing)) as client,
        pytest.raises(AddressRefused),
    ):
        client.get(f"http://no-such-name.test:{server.port}/")


def test_many_sites_on_one_server_by_pinned_names(tmp_path: Path) -> None:
    for host in ("a.test", "b.test"):
        (tmp_path / host).mkdir()
        (tmp_path / host / "index.html").write_text(f"<html><p>{host}</p></html>")
    with FaultServer(root=tmp_path) as server:
        pins = {"a.test": "127.0.0.1", "B.test": "127.0.0.1"}
        with HttpFetcher(fast_config(pinned_addresses=pins)) as fetcher:
            outcomes = list(
                fetcher.fetch_all(
                    FetchRequest(f"http://{host}:{server.port}/") for host in ("a.test", "b.test")
                )
            )
    bodies = sorted(o.body for o in outcomes if isinstance(o, Fetched))
    assert bodies == [b"<html><p>a.test</p></html>", b"<html><p>b.test</p></html>"]


def _certificates(tmp_path: Path, name: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a certificate for ``name`` only (no IP address in it), signed
    by a throw-away CA, and a client context that trusts that CA."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def issue(subject: str, key: Any, issuer: Any, signer: Any, *, ca: bool) -> Any:
        now = dt.datetime.now(dt.UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if not ca:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False
            )
        return builder.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Wirehouse test CA")])
    ca_cert = issue("Wirehouse test CA", ca_key, ca_name, ca_key, ca=True)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = issue(name, leaf_key, ca_name, ca_key, ca=False)
    pem = serialization.Encoding.PEM
    (tmp_path / "ca.pem").write_bytes(ca_cert.public_bytes(pem))
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(pem))
    (tmp_path / "leaf.key").write_bytes(
        leaf_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "leaf.key")
    client = ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
    return server, client


def test_https_to_a_checked_address_still_verifies_the_host_name(tmp_path: Path) -> None:
    """The connection goes to the pinned, checked IP, yet TLS checks the certificate against
    the URL's host name (SNI), not the IP: the guard costs no TLS safety."""
    server_tls, client_tls = _certificates(tmp_path, "news.test")
    pins = {"news.test": "127.0.0.1", "impostor.test": "127.0.0.1"}
    with FaultServer({"/": html("<p>secure</p>")}, tls=server_tls) as server:
        config = fast_config(pinned_addresses=pins, retries=0)
        with HttpFetcher(config, ssl_context=client_tls) as fetcher:
            good = fetcher.fetch_one(FetchRequest(server.url("/", host="news.test")))
            bad = fetcher.fetch_one(FetchRequest(server.url("/", host="impostor.test")))
    assert isinstance(good, Fetched) and good.body == b"<p>secure</p>"
    # Its robots.txt is the first request to fail the check, and closes the host.
    assert isinstance(bad, FetchFailed) and bad.reason == "connection_error", bad
    assert "CERTIFICATE_VERIFY_FAILED" in bad.detail and "impostor.test" in bad.detail
