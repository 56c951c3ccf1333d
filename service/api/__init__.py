"""The HTTP API: POST /brief and /verify, health, readiness and Prometheus metrics, and the
page's routes (service/web.py). Every error is RFC 9457 problem+json.

One module a concern: `problems` (error bodies and handlers), `edge` (the outermost ASGI layer),
`auth` (bearer keys), `limits` (document limits, brief slots), `metrics`, `state` (what routes
share, and the dependencies that hand it out), `briefs` and `health` (the routes), `app`
(create_app and the lifespan).
"""

from service.api.app import create_app
from service.api.problems import PROBLEM_JSON, FieldError, Problem, ProblemDetails

__all__ = ["PROBLEM_JSON", "FieldError", "Problem", "ProblemDetails", "create_app"]
