"""An endpoint that is not AWS, or a region AWS does not have, is the user's input (exit 2,
"cannot read AWS ..."), never "unexpected ... a bug in privnet" (exit 3)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app

EXAMPLE = Path("examples/privatelink-cluster-linking.yaml")


def _answering(status: int) -> type[BaseHTTPRequestHandler]:
    class Answer(BaseHTTPRequestHandler):
        """Any request gets an HTML page with ``status``, as a plain web server would."""

        def _page(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = b"<html><body><h1>Not here</h1></body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _page

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Answer


@pytest.fixture(params=[404, 500], ids=["404", "500"])
def web_server(request: pytest.FixtureRequest) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _answering(request.param))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def some_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), input="")


def _refused_as_input(result: Any, *needles: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "bug in privnet" not in result.output and "unexpected" not in result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, result.stderr


def test_discover_at_a_web_server_is_not_aws(web_server: str) -> None:
    result = _run("discover", "--region", "us-east-1", "--aws-endpoint", web_server)
    _refused_as_input(result, f"cannot read AWS at {web_server}")


def test_verify_at_a_web_server_is_not_aws(web_server: str) -> None:
    result = _run("verify", str(EXAMPLE), "--source", "aws", "--aws-endpoint", web_server)
    _refused_as_input(result, f"cannot read AWS at {web_server}")


def test_discover_in_an_unknown_region() -> None:
    result = _run("discover", "--region", "us-east-9")
    _refused_as_input(result, "us-east-9 is not an AWS region (known: ", "us-east-1")


def test_verify_discovering_an_unknown_region(web_server: str) -> None:
    result = _run("verify", "--source", "aws", "--region", "us-east-9",
                  "--aws-endpoint", web_server)
    _refused_as_input(result, "us-east-9 is not an AWS region")


def test_verify_a_file_whose_region_is_unknown(tmp_path: Path, web_server: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("us-east-1", "us-east-9")
    assert "us-east-9" in text
    file = tmp_path / "privnet.yaml"
    file.write_text(text, encoding="utf-8")
    result = _run("verify", str(file), "--source", "aws", "--aws-endpoint", web_server)
    _refused_as_input(result, "region 'us-east-9', which is not a known AWS region")
