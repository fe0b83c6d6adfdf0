from django.http import HttpRequest
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import RETRY_AFTER_SECONDS
from core.selectors import health_status


class HealthApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="health",
        summary="Status of the database, Redis and the Celery broker",
        responses={
            (200, "application/json"): inline_serializer(
                "Health",
                {
                    "status": serializers.ChoiceField(choices=["ok", "degraded"]),
                    "checks": serializers.DictField(child=serializers.DictField()),
                    "down": serializers.ListField(child=serializers.CharField()),
                    "healing": serializers.ListField(child=serializers.CharField()),
                },
            ),
            (503, "application/json"): inline_serializer("HealthDegraded", {"status": serializers.CharField()}),
        },
    )
    def get(self, request: HttpRequest) -> Response:
        result = health_status()
        if result["down"]:
            return Response(result, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        return Response(result)
