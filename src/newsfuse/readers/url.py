"""Fetching web pages: a ``Fetcher`` interface, an httpx implementation, and ``read_urls``.

Readers never open network connections themselves; they are handed a Fetcher, so tests
(and offline runs) substitute a fake one. ``HttpFetcher`` bounds time and size per request.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

import httpx

from newsfuse.article import Document, Rejection
from newsfuse.errors import ConfigError, InputError


@dataclass(frozen=True)
class FetchResult:
    """A fetched resource: the final URL (after redirects), status, content type, body."""

    url: str
    status: int
    content_type: str
    body: bytes


class Fetcher(Protocol):
    """Anything that fetches one URL, or raises ``InputError(url, reason)``."""

    def fetch(self, url: str) -> FetchResult:
        """Fetch ``url``; non-2xx statuses, timeouts and oversized bodies raise InputError."""
        ...


def human_size(n: int) -> str:
    """``10485760`` -> ``"10 MB"`` (binary units, as users write them)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


@dataclass(frozen=True)
class HttpFetcher:
    """Fetch over HTTP(S) with httpx: redirects followed, time and size bounded.

    Args:
        timeout: seconds allowed for one whole request (connect, headers and body).
        max_bytes: largest body accepted; larger bodies are cut off and rejected.
        max_concurrency: how many URLs ``read_urls`` fetches at once with this fetcher.
        user_agent: the User-Agent header sent.
        transport: an httpx transport to use instead of the network (tests).
    """

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_concurrency: int = 4
    user_agent: str = "newsfuse/0.1 (+offline news analysis)"
    transport: httpx.BaseTransport | None = None

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ConfigError(f"url timeout must be positive, got {self.timeout}")
        if self.max_bytes <= 0:
            raise ConfigError(f"max url bytes must be positive, got {self.max_bytes}")
        if self.max_concurrency < 1:
            raise ConfigError(f"max concurrency must be at least 1, got {self.max_concurrency}")

    def fetch(self, url: str) -> FetchResult:
        """Fetch one URL.

        Raises:
            InputError: "timed out after 20 s", "HTTP 404", "larger than 10 MB",
                "cannot connect: ...", "not an http(s) URL".
        """
        if not url.lower().startswith(("http://", "https://")):
            raise InputError(url, "not an http(s) URL")
        deadline = time.monotonic() + self.timeout
        too_slow = InputError(url, f"timed out after {self.timeout:g} s")
        try:
            with httpx.Client(
                follow_redirects=True,
                timeout=httpx.Timeout(self.timeout),
                headers={"User-Agent": self.user_agent},
                transport=self.transport,
            ) as client, client.stream("GET", url) as response:
                if not 200 <= response.status_code < 300:
                    raise InputError(url, f"HTTP {response.status_code}")
                too_big = InputError(url, f"larger than {human_size(self.max_bytes)}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise too_big
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise too_big
                    if time.monotonic() > deadline:
                        raise too_slow
                    chunks.append(chunk)
                return FetchResult(
                    url=str(response.url),
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                    body=b"".join(chunks),
                )
        except httpx.TimeoutException:
            raise too_slow from None
        except httpx.TooManyRedirects:
            raise InputError(url, "too many redirects") from None
        except httpx.InvalidURL as exc:
            raise InputError(url, f"invalid URL: {exc}") from None
        except httpx.HTTPError as exc:
            raise InputError(url, f"cannot connect: {exc or type(exc).__name__}") from None


def read_urls(
    urls: Iterable[str], fetcher: Fetcher, *, max_concurrency: int | None = None
) -> Iterator[Document | Rejection]:
    """Fetch each URL and read it (HTML pages, feeds, JSON or text), in the given order.

    Args:
        urls: the URLs, each fetched once.
        fetcher: what fetches them (``HttpFetcher`` or a fake).
        max_concurrency: fetches in flight at once; default the fetcher's own
            ``max_concurrency`` (1 if it has none).

    Yields:
        Documents (``source`` = the URL as given, ``url`` = the final URL), and one
        Rejection per URL that failed.
    """
    # Imported here: the format readers import this module for the Fetcher protocol.
    from newsfuse.readers.dispatch import read_fetched

    workers = max_concurrency or getattr(fetcher, "max_concurrency", 1)

    def attempt(url: str) -> FetchResult | InputError:
        try:
            return fetcher.fetch(url)
        except InputError as exc:
            return exc

    url_list = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for url, result in zip(url_list, pool.map(attempt, url_list), strict=True):
            if isinstance(result, InputError):
                yield Rejection(url, result.reason)
                continue
            yield from read_fetched(result, url, fetcher)
