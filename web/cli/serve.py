"""`vault serve`: run the service on its embedded default or the configured backends."""

from __future__ import annotations

import logging

import typer
import uvicorn

from vault.settings import Settings
from web.app import create_app


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on (put TLS in front for anything but localhost)"),
        port: int = typer.Option(8080, help="Port to listen on"),
    ) -> None:
        """Run the service (SQLite + local directory under VAULT_DATA_DIR by default)."""
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        settings = Settings()
        typer.echo(f"vault: data in {settings.data_dir.resolve()} — open http://{host}:{port}/")
        uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True, server_header=False, access_log=True)
