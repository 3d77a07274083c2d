"""``/api/articles``: list and read stored articles; submit new ones for analysis."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from newstrace.errors import InputError, NotFound, ServiceUnavailable
from newstrace.model import Article
from newstrace.serve.deps import (
    PagingDep,
    Services,
    ServicesDep,
    StoreDep,
    WriterDep,
    next_page,
)
from newstrace.serve.errors import ERROR_RESPONSES
from newstrace.serve.queries import article_summary
from newstrace.serve.schemas import (
    ArticleDetail,
    ArticleIn,
    ArticlePage,
    ErrorBody,
    ErrorDetail,
    SubmitResult,
    Submitted,
)
from newstrace.serve.submit import read_body

router = APIRouter(prefix="/api/articles", tags=["articles"], responses=ERROR_RESPONSES)

_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "One article: plain text, an HTML page, or JSON (one object, an array "
        "of them, or JSON Lines). A 'url' is kept as metadata and never fetched.",
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


@router.get("", response_model=ArticlePage, summary="List stored articles, newest first")
def list_articles(request: Request, store: StoreDep, page: PagingDep) -> dict[str, Any]:
    rows = store.list_articles(limit=page.limit + 1, offset=page.offset)
    return {
        "items": rows[: page.limit],
        "limit": page.limit,
        "offset": page.offset,
        "next": next_page(request, page, len(rows)),
    }


@router.get(
    "/{article_id}",
    response_model=ArticleDetail,
    summary="One article: its metadata, its report and its text",
    responses={404: {"model": ErrorBody}},
)
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    report = store.get_report(article_id)
    text = store.get_text(article_id)
    summary = article_summary(store, article_id)
    if report is None or text is None or summary is None:
        raise NotFound(f"no article {article_id!r} in the store")
    return {"article": summary, "report": report, "text": text}


@router.post(
    "",
    response_model=SubmitResult,
    status_code=201,
    summary="Submit articles for analysis (needs the token)",
    dependencies=[WriterDep],
    openapi_extra=_BODY,
    responses={
        401: {"model": ErrorBody, "description": "No or wrong token (api.unauthorized)."},
        413: {"model": ErrorBody, "description": "Body over the limit (api.too_large)."},
        415: {"model": ErrorBody, "description": "Unknown Content-Type (api.media_type)."},
    },
)
async def submit_articles(
    request: Request,
    services: ServicesDep,
    published: Annotated[
        date | None, Query(description="Publication date for a body that does not carry one.")
    ] = None,
    outlet: Annotated[
        str | None, Query(description="Outlet name for a body that does not carry one.")
    ] = None,
    url: Annotated[
        str | None, Query(description="URL (metadata only, never fetched) for a body without one.")
    ] = None,
) -> dict[str, Any]:
    if services.analyser is None:
        raise ServiceUnavailable("this server was started without an analyser; it only reads")
    body = await request.body()
    items = list(
        read_body(
            body,
            request.headers.get("content-type"),
            settings=services.settings,
            published=published,
            outlet=outlet,
            url=url,
        )
    )
    articles = [a for a in items if isinstance(a, Article)]
    errors = [e for e in items if isinstance(e, InputError)]
    if not articles:
        raise errors[0] if errors else InputError("the request holds no article")
    done = await run_in_threadpool(_analyse_and_store, services, articles)
    return {
        "articles": done,
        "errors": [ErrorDetail(code=e.code, message=str(e)) for e in errors],
    }


def _analyse_and_store(services: Services, articles: list[Article]) -> list[Submitted]:
    assert services.analyser is not None
    out: list[Submitted] = []
    with services.write_lock:
        for article in articles:
            report = services.analyser.analyze_one(article)
            stored = services.store.save(
                report.to_dict(),
                text=article.text,
                source=article.source,
                bytes_sha256=article.bytes_sha256,
            )
            meta = report.article
            out.append(
                Submitted(
                    id=meta.id,
                    source=article.source,
                    url=meta.url,
                    title=meta.title,
                    outlet=meta.outlet.name,
                    published=meta.published.isoformat() if meta.published else None,
                    events=len(report.events),
                    stored=stored,
                    href=f"/api/articles/{meta.id}",
                )
            )
        if services.on_stored is not None:
            services.on_stored(services.store)
    return out
