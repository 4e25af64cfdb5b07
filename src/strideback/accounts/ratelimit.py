"""Login attempt limit: 5 failed logins per e-mail address and IP address per 15 minutes.

Counts live in Django's cache. The default local-memory cache counts per process, which is
exact for one process and at worst N x 5 attempts for N worker processes; a shared cache
(``CACHES`` with ``django.core.cache.backends.db.DatabaseCache`` after ``createcachetable``,
or Redis/Memcached) makes the count exact across processes and machines. A successful login
clears the count; the window starts at the first failure.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(email: str, ip: str) -> str:
    digest = hashlib.sha256(f"{email.strip().lower()}|{ip}".encode()).hexdigest()[:32]
    return f"strideback:login-failures:{digest}"


def is_blocked(email: str, ip: str) -> bool:
    return int(cache.get(_key(email, ip), 0)) >= MAX_FAILURES


def record_failure(email: str, ip: str) -> int:
    key = _key(email, ip)
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return 1


def clear(email: str, ip: str) -> None:
    cache.delete(_key(email, ip))
