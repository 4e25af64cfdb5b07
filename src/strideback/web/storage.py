"""Static files compressed once at start-up, fast enough that `strideback serve` stays quick.

WhiteNoise's default Brotli level (11) took close to a minute for the API docs' JavaScript on
this machine; level 5 gives nearly the same size in a fraction of the time.
"""

from __future__ import annotations

from typing import Any

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedStaticFilesStorage

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is optional for WhiteNoise
    brotli = None


class FastCompressor(Compressor):
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        assert brotli is not None
        compressed: bytes = brotli.compress(data, quality=5)
        return compressed


class FastCompressedStorage(CompressedStaticFilesStorage):
    def create_compressor(self, **kwargs: Any) -> Compressor:
        return FastCompressor(**kwargs)
