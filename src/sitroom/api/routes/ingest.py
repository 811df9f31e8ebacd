"""POST /api/ingest: upload files into the store (needs the write token).

Uploads are written to a private temporary folder under their own (sanitised) names,
so the readers can pick the format from the extension, then ingested as one batch.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from sitroom.api.deps import get_settings, reconcile_in_background, require_token
from sitroom.api.schemas import IngestReportPublic, error_responses
from sitroom.config import Settings
from sitroom.errors import InputTooLarge
from sitroom.jobs.ingest import ingest
from sitroom.jobs.parallel import PIPELINE_VERSION, extract_articles

__all__ = ["router"]

router = APIRouter(tags=["ingest"])

# Copy uploads in 1 MiB chunks: big enough to be fast, small enough to stop early at the limit.
CHUNK_BYTES = 1 << 20


def _safe_name(name: str | None, index: int) -> str:
    base = Path(name or "").name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return f"{index:03d}-{cleaned[:100]}"


@router.post(
    "/ingest",
    response_model=IngestReportPublic,
    dependencies=[Depends(require_token)],
    responses=error_responses(401, 413),
)
async def ingest_upload(
    request: Request,
    files: Annotated[
        list[UploadFile], File(min_length=1, description="Files in any format sitroom reads.")
    ],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Any:
    """Ingest the uploaded files; counts new, duplicate and failed articles."""
    with tempfile.TemporaryDirectory(prefix="sitroom-upload-") as folder:
        paths, total = [], 0
        for index, upload in enumerate(files):
            path = Path(folder) / _safe_name(upload.filename, index)
            with path.open("wb") as out:
                while chunk := await upload.read(CHUNK_BYTES):
                    total += len(chunk)
                    if total > settings.max_upload_bytes:
                        raise InputTooLarge(
                            f"upload is over the {settings.max_upload_bytes:,}-byte limit "
                            "(max_upload_bytes): send fewer or smaller files"
                        )
                    out.write(chunk)
            paths.append(path)
        # Extraction is CPU-bound: keep it off the event loop so reads stay served.
        return await run_in_threadpool(
            _ingest_paths, paths, settings, reconcile=request.app.state.reconcile
        )


def _ingest_paths(paths: list[Path], settings: Settings, *, reconcile: bool) -> dict[str, Any]:
    """Ingest with extraction (as `sitroom ingest` does); failed extractions are reported too."""
    report = ingest(
        paths,
        db=settings.db,
        settings=settings,
        extract=extract_articles if settings.extract else None,
        pipeline_version=PIPELINE_VERSION if settings.extract else None,
    )
    if report.new and reconcile:
        reconcile_in_background(settings)
    return asdict(report)
