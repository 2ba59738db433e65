"""A Confluent Cloud emulator (control plane and Kafka REST data plane) as a FastAPI app.

It imports nothing from the rest of privnet, so it can be served on its own::

    from privnet.local.ccloud import EmulatorSettings, create_app
    app = create_app(EmulatorSettings.instant())
"""

from privnet.local.ccloud.app import create_app
from privnet.local.ccloud.serve import run
from privnet.local.ccloud.settings import EmulatorSettings

__all__ = ["EmulatorSettings", "create_app", "run"]
