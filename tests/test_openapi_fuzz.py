"""schemathesis against the app's own /openapi.json: no 5xx, every response conforms to the schema.

The app runs in process (ASGI) with a FakeModel, with and without a bearer token configured; the
number of examples per operation is bounded.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from service.api import create_app
from service.settings import Settings
from tests.fakes import FakeModel

TOKEN = "fuzz-token"
# A schema-valid request can still be refused on its content (422: no sentence names a party of
# the topic, no article text after cleaning), which no schema can express: that check is off.
# Every other default check runs: no 5xx, status codes, content types, headers and bodies as
# documented, invalid data refused, missing auth refused, unsupported methods refused.
CONTENT_DEPENDENT = [schemathesis.checks.positive_data_acceptance]
EXAMPLES = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))

open_api = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(), model=FakeModel()))
guarded_api = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(api_keys=TOKEN), model=FakeModel())
)


@open_api.parametrize()
@EXAMPLES
def test_api_without_auth_conforms_to_its_schema(case) -> None:
    case.call_and_validate(excluded_checks=CONTENT_DEPENDENT)


@guarded_api.parametrize()
@EXAMPLES
def test_api_with_a_bearer_token_conforms_to_its_schema(case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=CONTENT_DEPENDENT)
