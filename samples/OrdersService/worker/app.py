"""Order export worker: receives export jobs over HTTP and writes CSV files for the finance team."""
import asyncio
import json
import time
from pathlib import Path

import requests
from aiohttp import web

EXPORT_DIR = Path("/var/exports")
routes = web.RouteTableDef()


def load_settings():
    with open("worker-settings.json") as f:
        return json.load(f)


@routes.post("/exports")
async def create_export(request: web.Request) -> web.Response:
    job = await request.json()
    settings = load_settings()
    rows = requests.get(settings["orders_url"], timeout=10).json()
    lines = ""
    for row in rows:
        lines += f"{row['id']},{row['sku']},{row['total']}\n"
    target = EXPORT_DIR / f"{job['name']}.csv"
    await asyncio.to_thread(target.write_text, lines)
    return web.json_response({"path": str(target)})


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    time.sleep(0.5)
    return web.json_response({"ok": True})


async def retry_failed_exports():
    while True:
        for failed in EXPORT_DIR.glob("*.failed"):
            failed.rename(failed.with_suffix(".csv"))
        await asyncio.sleep(60)


if __name__ == "__main__":
    app = web.Application()
    app.add_routes(routes)
    web.run_app(app)
