"""What the drop rules need from the place they keep things: objects by key.

The S3 adapter (`recall_screen.aws.index_store.IndexStore`) and the offline folder
(`recall_screen_cli.offline.FolderStorage`) both implement it; the key layout is in `keys`.
"""

from __future__ import annotations

from typing import Protocol


class Storage(Protocol):
    """Objects by key. The S3 adapter and the offline folder both implement it."""

    def get(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is no such object."""

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None: ...

    def delete(self, key: str) -> None: ...

    def list_folders(self, prefix: str) -> list[str]:
        """Names of the immediate sub-folders of `prefix` (which ends with "/")."""

    def list_keys(self, prefix: str) -> list[str]: ...
