"""How the HTTP client behaves: one frozen value built from :class:`~wirehouse.settings.Settings`
(or directly, in tests), so a fetcher never reads the environment itself.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import httpx

from wirehouse import __version__

if TYPE_CHECKING:
    from wirehouse.settings import Settings

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Google reads the first 500 KiB of a robots.txt and ignores the rest; so do we.
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """Politeness towards one host: the least gap between two request starts, and how many
    requests may be in flight at once."""

    delay_seconds: float
    concurrency: int

    def __post_init__(self) -> None:
        if self.delay_seconds < 0 or self.concurrency < 1:
            raise ValueError(f"bad host policy: {self}")

    def politest(self, other: HostPolicy | None) -> HostPolicy:
        """The policy that satisfies both: the longer gap and the fewer requests at once.

        >>> HostPolicy(3.0, 2).politest(HostPolicy(0.5, 1))
        HostPolicy(delay_seconds=3.0, concurrency=1)
        """
        if other is None:
            return self
        return HostPolicy(
            max(self.delay_seconds, other.delay_seconds), min(self.concurrency, other.concurrency)
        )


def _frozen(mapping: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Everything :class:`~wirehouse.fetch.client.HttpFetcher` needs to know.

    ``host_policies`` overrides ``delay_seconds``/``per_host`` per host, keyed by
    ``host:port`` or by bare host name (see :func:`host_key`). ``pinned_addresses`` maps a
    host name to the address to connect to instead of asking DNS (like curl's ``--resolve``);
    a pinned address still has to pass the address guard.
    """

    user_agent: str = f"Wirehouse/{__version__}"
    workers: int = 8
    per_host: int = 2
    delay_seconds: float = 1.0
    host_policies: Mapping[str, HostPolicy] = field(default_factory=dict)
    timeout_seconds: float = 10.0
    deadline_seconds: float = 60.0
    retries: int = 3
    backoff_seconds: float = 1.0
    max_wait_seconds: float = 120.0
    max_redirects: int = 5
    max_bytes: int = 20 * 1024 * 1024
    allow_networks: tuple[IPNetwork, ...] = ()
    pinned_addresses: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen all the way down: worker threads share this object.
        object.__setattr__(self, "host_policies", _frozen(self.host_policies))
        pinned = {host.lower(): address for host, address in self.pinned_addresses.items()}
        object.__setattr__(self, "pinned_addresses", _frozen(pinned))
        if self.workers < 1 or self.per_host < 1 or self.retries < 0 or self.max_redirects < 0:
            raise ValueError(f"bad fetch configuration: {self}")
        if min(self.timeout_seconds, self.deadline_seconds, self.max_bytes) <= 0:
            raise ValueError(f"bad fetch configuration: {self}")

    @classmethod
    def from_settings(
        cls, settings: Settings, host_policies: Mapping[str, HostPolicy] | None = None
    ) -> FetchConfig:
        """The configuration the settings describe, with per-source politeness overrides."""
        contact = settings.user_agent_contact.strip()
        return cls(
            user_agent=user_agent(contact),
            workers=settings.fetch_workers,
            per_host=settings.fetch_per_host,
            delay_seconds=settings.fetch_delay_seconds,
            host_policies=host_policies or {},
            timeout_seconds=settings.fetch_timeout_seconds,
            deadline_seconds=settings.fetch_deadline_seconds,
            retries=settings.fetch_retries,
            backoff_seconds=settings.fetch_backoff_seconds,
            max_wait_seconds=settings.fetch_max_wait_seconds,
            max_redirects=settings.fetch_max_redirects,
            max_bytes=settings.max_document_bytes,
            allow_networks=tuple(settings.fetch_allow_networks),
            pinned_addresses={host: str(ip) for host, ip in settings.fetch_resolve.items()},
        )

    @property
    def default_policy(self) -> HostPolicy:
        """The politeness owed to a host no policy names."""
        return HostPolicy(self.delay_seconds, self.per_host)

    def policy_for(self, host: str) -> HostPolicy:
        """The politeness owed to ``host`` (a :func:`host_key`)."""
        return named_policy(self.host_policies, host) or self.default_policy


def named_policy(policies: Mapping[str, HostPolicy], host: str) -> HostPolicy | None:
    """The policy ``policies`` gives ``host`` (a :func:`host_key`): by ``host:port``, else by
    bare host name; None when it names neither."""
    return policies.get(host) or policies.get(host.rsplit(":", 1)[0])


def user_agent(contact: str = "") -> str:
    """An honest User-Agent: our product token, version, and where to reach the operator.

    >>> user_agent("https://news.example/bot")
    'Wirehouse/0.1.0 (+https://news.example/bot)'
    """
    token = f"Wirehouse/{__version__}"
    return f"{token} (+{contact})" if contact else token


def host_key(url: str | httpx.URL) -> str:
    """The politeness key of a URL: its host and port (two ports are two servers).

    >>> host_key("https://News.Example/a?b=1")
    'news.example:443'
    >>> host_key("not a url")
    ''
    """
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return ""
    if not parsed.host:
        return ""
    port = parsed.port or {"http": 80, "https": 443}.get(parsed.scheme, 0)
    host = f"[{parsed.host}]" if ":" in parsed.host else parsed.host
    return f"{host}:{port}"
