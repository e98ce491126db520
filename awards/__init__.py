"""The awards application: create_app configures it, binds extensions and registers blueprints."""

import os
from pathlib import Path

from flask import Flask

from config import CONFIGS

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type | dict | None = None) -> Flask:
    """Build the app from a config class (default: FLASK_CONFIG or development), or a dict
    of overrides on top of the testing config."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    if isinstance(config, dict):
        app.config.from_object(CONFIGS["testing"])
        app.config.update(config)
    else:
        config = config or CONFIGS[os.environ.get("FLASK_CONFIG", "development")]
        config.check()
        app.config.from_object(config)

    from awards import web

    web.init_app(app)
    return app
