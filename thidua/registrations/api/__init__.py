"""The registrations app's API routes, one module a subject; each module's ``router`` is added to the app's router
here, which ``thidua.api`` mounts."""

from ninja import Router

from . import emulation_writes, initiative_writes, works_writes  # noqa: F401  (their routes join the reads' routers)
from .catalog import router as catalog_router
from .emulation import router as emulation_router
from .emulation_rollup import router as emulation_rollup_router
from .initiatives import router as initiatives_router
from .works import router as works_router

router = Router()
router.add_router("", catalog_router)
router.add_router("", emulation_router)
router.add_router("", emulation_rollup_router)
router.add_router("", works_router)
router.add_router("", initiatives_router)
