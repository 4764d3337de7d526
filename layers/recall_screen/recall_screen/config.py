"""The deployment's settings from the environment (template parameters in AWS, flags and defaults
on the command line): the bucket, the table, the index refresh and kept versions. The list
guards, the drop limits and the policy read their own variables (`from_env` each)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    bucket: str = ""  # RECALL_SCREEN_BUCKET: the drop bucket (recalls/, reports/, index/, state/)
    decisions_table: str = ""  # RECALL_SCREEN_DECISIONS_TABLE
    index_refresh_seconds: float = 60.0  # RECALL_SCREEN_INDEX_REFRESH_SECONDS
    index_versions_kept: int = 10  # RECALL_SCREEN_INDEX_VERSIONS_KEPT

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        try:
            refresh = float(env.get("RECALL_SCREEN_INDEX_REFRESH_SECONDS") or 60)
            kept = int(env.get("RECALL_SCREEN_INDEX_VERSIONS_KEPT") or 10)
        except ValueError as exc:
            raise ValueError(
                "settings from the environment (RECALL_SCREEN_INDEX_REFRESH_SECONDS, "
                f"RECALL_SCREEN_INDEX_VERSIONS_KEPT): {exc}"
            ) from None
        if not refresh > 0 or kept < 1:
            raise ValueError(
                "settings from the environment: RECALL_SCREEN_INDEX_REFRESH_SECONDS must be more than 0 "
                f"({refresh}) and RECALL_SCREEN_INDEX_VERSIONS_KEPT at least 1 ({kept})"
            )
        return cls(
            bucket=env.get("RECALL_SCREEN_BUCKET", ""),
            decisions_table=env.get("RECALL_SCREEN_DECISIONS_TABLE", ""),
            index_refresh_seconds=refresh,
            index_versions_kept=kept,
        )
