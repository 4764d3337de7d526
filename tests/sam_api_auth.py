"""Translate template.yaml with the SAM translator once per `ApiIamAuth` value and check the API
route by route, as CloudFormation's SAM transform would build it from that parameter value.

cfn-lint and `sam validate` transform the template with its parameter defaults only, so the
AWS_IAM option would otherwise reach CloudFormation untransformed. Run by `make validate-template`
in the SAM CLI's tool environment (it needs samtranslator, which the project does not depend on):

    AWS_DEFAULT_REGION=us-east-1 uv tool run --from aws-sam-cli==<pin> python tests/sam_api_auth.py \
        template.yaml [--variant ApiIamAuth=AWS_IAM OUT.json]

With --variant it also writes the template with that parameter's default changed, for cfn-lint.
Exit status 1 when a route is not authenticated as the option promises.
"""

from __future__ import annotations

import copy
import json
import logging
import sys
from typing import Any

from samcli.yamlhelper import yaml_parse
from samtranslator.translator.transform import transform

PARAMETER = "ApiIamAuth"
API_ID = "ScreeningApi"
DOCS_ROUTES = {("GET", "/v1/docs"), ("GET", "/v1/openapi.json"), ("GET", "/v1/review")}
# The local paths SAM wants as S3 URIs once packaged; their value does not shape the API.
ARTIFACT_PROPERTIES = ("CodeUri", "ContentUri")


class _NoManagedPolicies:
    def load(self) -> dict[str, str]:
        return {}


def translated_routes(template: dict[str, Any], value: str) -> dict[tuple[str, str], dict[str, Any]]:
    """(method, path) -> the generated OpenAPI operation, for ApiIamAuth=value."""
    template = copy.deepcopy(template)
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        for name in ARTIFACT_PROPERTIES:
            if name in properties:
                properties[name] = "s3://bucket/key"
    output = transform(template, {PARAMETER: value}, _NoManagedPolicies())
    body = output["Resources"][API_ID]["Properties"]["Body"]
    schemes = body.get("components", {}).get("securitySchemes", {})
    if value == "AWS_IAM" and schemes.get("AWS_IAM", {}).get("x-amazon-apigateway-authtype") != "awsSigv4":
        raise SystemExit(f"{PARAMETER}={value}: no SigV4 security scheme in {schemes}")
    return {
        (method.upper(), path): operation
        for path, item in body["paths"].items()
        for method, operation in item.items()
    }


def problems(value: str, routes: dict[tuple[str, str], dict[str, Any]]) -> list[str]:
    found = []
    for route, operation in sorted(routes.items()):
        schemes = {name for requirement in operation.get("security", []) for name in requirement}
        wanted = set() if route in DOCS_ROUTES else {"api_key"}
        if value == "AWS_IAM":
            wanted.add("AWS_IAM")
        if schemes != wanted:
            found.append(f"{PARAMETER}={value!r} {route}: security {sorted(schemes)}, want {sorted(wanted)}")
        credentials = operation["x-amazon-apigateway-integration"].get("credentials")
        if credentials is not None:  # the caller's credentials would invoke the function
            found.append(f"{PARAMETER}={value!r} {route}: integration credentials {credentials!r}")
        print(f"{PARAMETER}={value or '(empty)'}: {route[0]} {route[1]} -> {sorted(schemes) or 'open'}")
    return found


def main(argv: list[str]) -> int:
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its metrics chatter
    with open(argv[0], encoding="utf-8") as handle:
        template = yaml_parse(handle.read())
    failures = []
    for value in template["Parameters"][PARAMETER]["AllowedValues"]:
        failures += problems(value, translated_routes(template, value))
    if argv[1:2] == ["--variant"]:
        name, _, value = argv[2].partition("=")
        variant = copy.deepcopy(template)
        variant["Parameters"][name]["Default"] = value
        with open(argv[3], "w", encoding="utf-8") as handle:
            json.dump(variant, handle, indent=1)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
