"""One module per page; each serves the page and its JSON from the same data function.

=================  ==========================================  ============================
module             page                                        JSON
=================  ==========================================  ============================
``overview``       ``/``                                       ``/api/overview``
``signals``        ``/signals``                                ``/api/signals`` (+ ``.csv``)
``shifts``         ``/shifts``                                 ``/api/shifts``
``actors``         ``/actors``, ``/actors/{code}``             ``/api/actors/{code}/timeline``
``dyads``          ``/dyads/{a}/{b}``                          ``/api/dyads/{a}/{b}``
``documents``      ``/documents/{id}``, ``/upload``            ``/api/documents/{id}``, POST
                                                               ``/api/documents``
``scenarios``      ``/scenarios``                              ``/api/scenarios`` (+ board)
``apidocs``        ``/docs``                                   ``/openapi.json``, ``/api/health``
=================  ==========================================  ============================
"""

from __future__ import annotations

from fastapi import APIRouter

from offramp.web.views import (
    actors,
    apidocs,
    documents,
    dyads,
    overview,
    scenarios,
    shifts,
    signals,
)

ROUTERS: tuple[APIRouter, ...] = (
    overview.router,
    signals.router,
    shifts.router,
    actors.router,
    dyads.router,
    documents.router,
    scenarios.router,
    apidocs.router,
)
