"""Pick the page language: the runner's choice, else the browser's, else English. And GZip that
compresses a kept answer once."""

from __future__ import annotations

import gzip
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers

from strideback.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Lang

COOKIE = "strideback_lang"
# Browsers say "no" or "nn" for Norwegian; Bokmål is the written form we offer.
ALIASES: dict[str, Lang] = {"no": "nb", "nn": "nb", "nb": "nb", "da": "da", "de": "de", "en": "en"}


def from_accept_language(header: str) -> Lang | None:
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, index, tag.strip().lower().split("-")[0]))
    for _, _, base in sorted(weighted):
        if base in ALIASES:
            return ALIASES[base]
    return None


def choose_language(request: HttpRequest) -> Lang:
    cookie = request.COOKIES.get(COOKIE, "")
    for lang in LANGUAGES:
        if cookie == lang:
            return lang
    user = getattr(request, "user", None)
    user_lang = getattr(user, "language", "") if user is not None else ""
    for lang in LANGUAGES:
        if user_lang == lang:
            return lang
    return from_accept_language(request.headers.get("Accept-Language", "")) or DEFAULT_LANGUAGE


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = choose_language(request)
        request.lang = lang  # type: ignore[attr-defined]
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        response.headers["Vary"] = ", ".join(
            v for v in (response.headers.get("Vary"), "Accept-Language", "Cookie") if v
        )
        return response


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's GZip, which compresses a kept answer (``api.kept``) once, not on every request.

    The patient list of 200 patients is about 160 KB of JSON: compressing it took longer than
    finding it. The compressed bytes are remembered by the answer's text; each response still
    gets its own random-length filler in the gzip header, as Django adds against BREACH."""

    remembered: OrderedDict[bytes, bytes]
    REMEMBER = 256  # answers
    REMEMBER_BYTES = 32 * 1024 * 1024  # of answer text

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.remembered = OrderedDict()
        self.remembered_bytes = 0
        self.lock = threading.Lock()  # `strideback serve` runs one thread; runserver runs many

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not getattr(response, "kept_answer", False) or len(response.content) < 200:
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        content = response.content
        with self.lock:
            compressed = self.remembered.get(content)
            if compressed is not None:
                self.remembered.move_to_end(content)
        if compressed is None:
            compressed = gzip.compress(content, compresslevel=6, mtime=0)
            with self.lock:
                self._remember(content, compressed)
        if len(compressed) >= len(content):
            return response
        header = bytearray(compressed[:10])
        header[3] = gzip.FNAME
        filler = b"a" * secrets.randbelow(self.max_random_bytes) + b"\x00"
        response.content = bytes(header) + filler + compressed[10:]
        response.headers["Content-Length"] = str(len(response.content))
        response.headers["Content-Encoding"] = "gzip"
        return response

    def _remember(self, content: bytes, compressed: bytes) -> None:
        if content in self.remembered:  # another thread compressed it meanwhile
            return
        self.remembered[content] = compressed
        self.remembered_bytes += len(content)
        while len(self.remembered) > self.REMEMBER or self.remembered_bytes > self.REMEMBER_BYTES:
            old, _ = self.remembered.popitem(last=False)
            self.remembered_bytes -= len(old)
