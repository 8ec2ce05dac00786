"""Assembles every app's routes under /api/v1/ and holds authentication."""

from ninja import NinjaAPI
from ninja.security import SessionAuth

api = NinjaAPI(
    title="Thidua API",
    version="1",
    description="Thi đua – khen thưởng công đoàn. Mọi dữ liệu được giới hạn theo phạm vi đơn vị của người dùng.",
    auth=[SessionAuth()],
    urls_namespace="api",
)
