"""The SSRF guard: which URLs and addresses a fetch may reach.

Only ``http`` and ``https``. A host name is resolved and every address it resolves to must be
public: private, loopback, link-local, carrier-grade NAT, multicast, reserved, documentation
and cloud-metadata addresses are refused unless an explicit allow-list covers them. The guard
is asked again by the transport for every new connection (so every redirect hop), and the
connection goes to the very address that was checked (see :mod:`wirehouse.fetch.transport`),
so a DNS answer that changes between check and connect (rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Named one by one so a refusal can say what the address is. Most of these are also in the
# ranges below; Azure's WireServer is a public address and is only caught here.
_METADATA: dict[IPAddress, str] = {
    ipaddress.ip_address("169.254.169.254"): "cloud metadata service",
    ipaddress.ip_address("169.254.170.2"): "AWS ECS task metadata",
    ipaddress.ip_address("169.254.169.123"): "AWS time service",
    ipaddress.ip_address("fd00:ec2::254"): "AWS metadata service (IPv6)",
    ipaddress.ip_address("100.100.100.200"): "Alibaba Cloud metadata service",
    ipaddress.ip_address("168.63.129.16"): "Azure WireServer",
}

# The IANA special-purpose registries (RFC 6890 and successors), written out rather than
# taken from ``ipaddress.is_global``, whose answers changed between Python patch releases.
_REFUSED: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(cidr), why)
    for cidr, why in (
        ("0.0.0.0/8", "unspecified"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignment"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "reserved (6to4 relay)"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("100::/64", "discard-only"),
        ("2001::/23", "IETF protocol assignment"),
        ("2001:db8::/32", "documentation"),
        ("fc00::/7", "unique local (private)"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
    )
)

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """A host resolved to an address the guard refuses."""

    def __init__(self, host: str, address: str, why: str) -> None:
        named = address if host == address else f"{host} resolves to {address}, which"
        super().__init__(f"{named} is refused: {why}")
        self.host = host
        self.address = address
        self.why = why


class HostNotFound(Exception):
    """DNS has no address for the host."""

    def __init__(self, host: str, cause: str) -> None:
        super().__init__(f"cannot resolve {host}: {cause}")
        self.host = host


def refused_scheme(url: httpx.URL) -> str | None:
    """Why the URL's scheme cannot be fetched, or None when it is http(s) with a host."""
    if url.scheme not in ALLOWED_SCHEMES:
        return f"scheme {url.scheme or '(none)'!r} is not http or https"
    if not url.host:
        return "no host"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4), which is what it reaches."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``socket.getaddrinfo`` gives for a TCP connection to host:port."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass(frozen=True, slots=True)
class AddressGuard:
    """Decides which addresses may be connected to, and resolves hosts to checked addresses.

    Parameters
    ----------
    allow
        Networks let through although they are not public (``127.0.0.0/8`` in tests, an
        intranet range for intranet users). An allowed network wins over every refusal.
    pinned
        Host name → address to use instead of DNS (like curl's ``--resolve``).
    resolver
        How host names become addresses; :func:`system_resolver` unless a test says otherwise.

    Examples
    --------
    >>> guard = AddressGuard()
    >>> guard.why_refused(ipaddress.ip_address("169.254.169.254"))
    'cloud metadata service'
    >>> guard.why_refused(ipaddress.ip_address("::ffff:10.1.2.3"))
    'private'
    >>> AddressGuard(allow=(ipaddress.ip_network("127.0.0.0/8"),)).resolve("127.0.0.1", 80)
    ['127.0.0.1']
    """

    allow: tuple[IPNetwork, ...] = ()
    pinned: Mapping[str, str] = field(default_factory=dict)
    resolver: Resolver = system_resolver

    def why_refused(self, address: IPAddress) -> str | None:
        """What kind of forbidden address this is, or None when it may be reached."""
        candidates = [address]
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            candidates.append(embedded)
        if any(c.version == n.version and c in n for c in candidates for n in self.allow):
            return None
        for candidate in candidates:
            if candidate in _METADATA:
                return _METADATA[candidate]
            for network, why in _REFUSED:
                if candidate.version == network.version and candidate in network:
                    return why
        return None

    def resolve(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for host:port, all of them checked.

        A host with any refused address is refused outright: a name that answers with one
        public and one private address is a known way to slip past a guard.

        Raises
        ------
        AddressRefused
            When the host resolves to a refused address.
        HostNotFound
            When it does not resolve at all.
        """
        name = host.strip("[]").rstrip(".").lower()  # "news.test." is "news.test"
        if name in self.pinned:
            addresses: Sequence[str] = [self.pinned[name]]
        else:
            try:
                addresses = [str(ipaddress.ip_address(name))]
            except ValueError:
                addresses = self._lookup(name, port)
        return self.check(name, addresses)

    def check(self, host: str, addresses: Iterable[str]) -> list[str]:
        """``addresses`` as a list when every one may be reached; else AddressRefused."""
        checked: list[str] = []
        for text in addresses:
            try:
                address = ipaddress.ip_address(text)
            except ValueError as exc:
                raise AddressRefused(host, text, "malformed") from exc
            why = self.why_refused(address)
            if why is not None:
                raise AddressRefused(host, text, why)
            checked.append(str(address))
        if not checked:
            raise HostNotFound(host, "no address")
        return checked

    def _lookup(self, host: str, port: int) -> list[str]:
        try:
            return list(self.resolver(host, port))
        except (OSError, UnicodeError) as exc:
            raise HostNotFound(host, str(exc) or type(exc).__name__) from exc
