"""``fiscalocr review OUTDIR``: the review pages, served on 127.0.0.1 (stdlib http.server).

Routes: ``/`` lists the documents with their flagged cells; ``/doc/<name>`` is the
document's page (:mod:`.html` with the correction form, its version as ETag), whose page
images come one by one from ``/page/<name>/<n>.jpg`` as they scroll into view (a long
document's page is not tens of MB of embedded images);
``POST /api/correct`` saves one correction (:mod:`.review`) and answers JSON with the new
checks, or an error status and a message a person can act on (400 not a number, 404 no
such cell, 409 changed since the page was loaded; the page then keeps what was typed and
puts it back on its cell after the reload, to be saved against the fresh checks).

The server listens on the loopback interface only and takes corrections only as JSON
with an ``If-Match`` header, which a page of another site cannot send without a CORS
pre-flight this server never grants.
"""

from __future__ import annotations

import json
import logging
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

from fiscalocr.model import ExitCode

from .outdir import document_paths, read_folder
from .review import CorrectionError, apply_correction, load

HOST = "127.0.0.1"
MAX_BODY_BYTES = 64 * 1024
REWRITTEN_FORMATS = ("xlsx", "csv", "md", "html", "pdf")
log = logging.getLogger(__name__)


class ReviewSite:
    """The output folder being reviewed: documents by name, and their source files."""

    def __init__(self, outdir: Path, source_dir: Path | None = None, reviewer: str | None = None):
        self.outdir = outdir.resolve()
        self.source_dir = source_dir
        self.reviewer = reviewer
        read_folder(self.outdir)  # an empty or unreadable folder is an error up front
        self._inputs = _inputs_from_summary(self.outdir)
        self._scans: dict[str, tuple[tuple[int, int], Path | None, str]] = {}

    def names(self) -> list[str]:
        return [
            p.relative_to(self.outdir).with_suffix("").as_posix()
            for p in document_paths(self.outdir)
        ]

    def json_path(self, name: str) -> Path | None:
        path = (self.outdir / f"{name}.json").resolve()
        if self.outdir not in path.parents or not path.is_file():
            return None
        return path

    def source(self, name: str, file_name: str) -> Path | None:
        """The input the document was read from: run summary, --source-dir, or beside it."""
        json_path = self.json_path(name)
        candidates = [self._inputs.get(str(json_path))]
        if self.source_dir is not None:
            candidates.append(self.source_dir / file_name)
        if json_path is not None:
            candidates.append(json_path.with_name(file_name))
        return next((Path(c) for c in candidates if c and Path(c).is_file()), None)

    def scan_of(self, name: str) -> tuple[Path | None, str] | None:
        """The input file of document ``name`` and its sha256, remembered per version of the
        JSON: each page image asks, and parsing a 300-page document takes half a second."""
        json_path = self.json_path(name)
        if json_path is None:
            return None
        stat = json_path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        known = self._scans.get(name)
        if known is None or known[0] != version:
            doc, _ = load(json_path)
            known = (version, self.source(name, doc.source.file), doc.source.sha256)
            self._scans[name] = known
        return known[1], known[2]

    def rewrite_exports(self, name: str, doc) -> None:
        """Re-create the exports that exist beside the JSON, so none goes stale."""
        from .outputs import WRITERS

        base = self.json_path(name).with_suffix("")
        present = [
            f for f in REWRITTEN_FORMATS if all(p.exists() for p in WRITERS[f].paths(doc, base))
        ]
        source = self.source(name, doc.source.file)
        for fmt in present:
            if fmt in ("pdf", "html") and source is None:
                continue
            try:
                WRITERS[fmt].write(doc, base, source)
            except Exception as error:  # the JSON is saved; a stale export is reported
                log.warning("%s: could not rewrite %s: %s", name, fmt, error)


def _inputs_from_summary(outdir: Path) -> dict[str, str]:
    summary = outdir / "run-summary.json"
    try:
        records = json.loads(summary.read_text(encoding="utf-8")).get("documents", [])
    except (OSError, ValueError):
        return {}
    return {
        str(Path(r["output"]).resolve()): r["input"]
        for r in records
        if r.get("output") and r.get("input")
    }


class ReviewHandler(BaseHTTPRequestHandler):
    server_version = "fiscalocr-review"

    def __init__(self, *args, site: ReviewSite, **kwargs):
        self.site = site
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        path = unquote(self.path.split("?", 1)[0])
        if path == "/":
            return self._send(HTTPStatus.OK, self._index(), "text/html; charset=utf-8")
        if path.startswith("/doc/"):
            return self._document(path[len("/doc/") :])
        if path.startswith("/page/") and path.endswith(".jpg"):
            name, _, number = path[len("/page/") : -len(".jpg")].rpartition("/")
            if number.isdigit():
                return self._page_image(name, int(number))
        self._send_json(HTTPStatus.NOT_FOUND, {"message": f"没有这个页面：{path}"})

    def do_POST(self) -> None:
        if self.path != "/api/correct":
            return self._send_json(HTTPStatus.NOT_FOUND, {"message": "没有这个接口"})
        try:
            body = self._json_body()
            json_path = self.site.json_path(str(body["name"]))
            if json_path is None:
                return self._send_json(HTTPStatus.NOT_FOUND, {"message": "没有这份文档"})
            name = str(body["name"])
            result = apply_correction(
                json_path,
                str(body["table"]),
                int(body["row"]),
                int(body["col"]),
                str(body["text"]),
                self.headers.get("If-Match", "").strip('"') or str(body.get("version", "")),
                reviewer=self.site.reviewer,
                after_write=lambda doc: self.site.rewrite_exports(name, doc),
            )
        except CorrectionError as error:
            return self._send_json(HTTPStatus(error.status), {"message": str(error)})
        except (KeyError, TypeError, ValueError) as error:
            return self._send_json(HTTPStatus.BAD_REQUEST, {"message": f"请求不完整：{error}"})
        self._send_json(HTTPStatus.OK, result.__dict__, etag=result.version)

    def _json_body(self) -> dict:
        if "application/json" not in self.headers.get("Content-Type", ""):
            raise ValueError("expected application/json")
        length = int(self.headers.get("Content-Length", "0"))
        if not 0 < length <= MAX_BODY_BYTES:
            raise ValueError("empty or oversized body")
        body = json.loads(self.rfile.read(length))
        if not isinstance(body, dict):
            raise ValueError("expected a JSON object")
        return body

    def _document(self, name: str) -> None:
        from .html import render_document

        json_path = self.site.json_path(name)
        if json_path is None:
            return self._send_json(HTTPStatus.NOT_FOUND, {"message": f"没有这份文档：{name}"})
        try:
            doc, version = load(json_path)
        except (OSError, ValueError) as error:  # pydantic's ValidationError is a ValueError
            message = f"{name}.json 不是有效的 fiscalocr 文档：{str(error).splitlines()[0]}"
            return self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR, {"message": message})
        source = self.site.source(name, doc.source.file)
        page = render_document(
            doc,
            source,
            review=True,
            version=version,
            name=name,
            image_url=lambda number: f"/page/{quote(name)}/{number}.jpg",
        )
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", etag=version)

    def _page_image(self, name: str, number: int) -> None:
        from .page_images import page_jpeg

        try:
            scan = self.site.scan_of(name)
        except (OSError, ValueError):  # not a document: no page of it either
            scan = None
        jpeg = page_jpeg(*scan, number) if scan is not None else None
        if jpeg is None:
            return self._send_json(
                HTTPStatus.NOT_FOUND, {"message": f"没有这一页：{name} {number}"}
            )
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(jpeg)))
        self.send_header("Cache-Control", "private, max-age=3600")
        self.end_headers()
        self.wfile.write(jpeg)

    def _index(self) -> str:
        from .html import render_index

        return render_index(self.site, [(n, quote(n)) for n in self.site.names()])

    def _send_json(self, status: HTTPStatus, payload: dict, etag: str | None = None) -> None:
        self._send(
            status, json.dumps(payload, ensure_ascii=False), "application/json; charset=utf-8", etag
        )

    def _send(self, status: HTTPStatus, text: str, kind: str, etag: str | None = None) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if etag:
            self.send_header("ETag", f'"{etag}"')
        self.end_headers()
        self.wfile.write(data)


def make_server(
    outdir: Path, port: int = 0, source_dir: Path | None = None, reviewer: str | None = None
) -> ThreadingHTTPServer:
    """A review server on 127.0.0.1 (``port`` 0: any free port; see ``server_port``)."""
    site = ReviewSite(Path(outdir), source_dir, reviewer)
    return ThreadingHTTPServer((HOST, port), partial(ReviewHandler, site=site))


def serve(outdir: Path, port: int, source_dir: Path | None, reviewer: str | None) -> int:
    server = make_server(outdir, port, source_dir, reviewer)
    print(f"fiscalocr review: http://{HOST}:{server.server_port}/  (Ctrl-C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return int(ExitCode.OK)
