"""Read `template.yaml` so local runs build what AWS builds.

The decision table's keys and indexes, and the functions' settings, live in the SAM template only.
The CLI (`demo`, `serve`) and the tests create their moto resources from it, so the two cannot
drift. The template read is `$RECALL_SCREEN_TEMPLATE` when set, else the project's own (the
repository's, or the copy an installed wheel carries: see `resources`).

CloudFormation's short tags (`!Ref`, `!Sub`, `!GetAtt`, `!If`, ...) are read into their long JSON
form (`{"Ref": ...}`, `{"Fn::Sub": ...}`), the same shape `aws cloudformation` returns.
"""

from __future__ import annotations

import os
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from recall_screen_cli.resources import template_file

__all__ = [
    "DECISIONS_TABLE_ID",
    "TemplateError",
    "decisions_table_spec",
    "environment_defaults",
    "load_template",
    "parameter_defaults",
]

DECISIONS_TABLE_ID = "DecisionsTable"


class TemplateError(ValueError):
    """The template lacks something the local code needs, or holds it in a form it cannot use."""


class _CloudFormationLoader(yaml.SafeLoader):  # type: ignore[misc]  # yaml has no types: SafeLoader is Any
    """A safe YAML loader that also accepts CloudFormation's `!Tag` short forms."""


def _construct_intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "Condition":
        return {"Condition": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        return {"Fn::GetAtt": value.split(".", 1)}
    return {f"Fn::{tag_suffix}": value}


_CloudFormationLoader.add_multi_constructor("!", _construct_intrinsic)


def _default_template() -> Traversable:
    explicit = os.environ.get("RECALL_SCREEN_TEMPLATE")
    return Path(explicit) if explicit else template_file()


def load_template(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Parse a SAM/CloudFormation YAML template (by default the project's) into plain dicts and lists."""
    template_path = Path(path) if path is not None else _default_template()
    with template_path.open(encoding="utf-8") as handle:
        template = yaml.load(handle, Loader=_CloudFormationLoader)  # a SafeLoader subclass
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise TemplateError(f"{template_path}: not a CloudFormation template (no Resources)")
    return template


def _is_intrinsic(value: Any) -> bool:
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key: str = next(iter(value))
    return key == "Ref" or key.startswith("Fn::")


def _literal(value: Any, where: str) -> Any:
    """`value`, checked to hold no intrinsic function anywhere (moto needs concrete values)."""
    if _is_intrinsic(value):
        raise TemplateError(f"{where}: {value!r} is an intrinsic function, not a literal value")
    if isinstance(value, dict):
        return {key: _literal(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_literal(item, f"{where}[{index}]") for index, item in enumerate(value)]
    return value


def _resource(template: dict[str, Any], logical_id: str, resource_type: str) -> dict[str, Any]:
    resource = template.get("Resources", {}).get(logical_id)
    if not isinstance(resource, dict) or resource.get("Type") != resource_type:
        raise TemplateError(f"template has no {resource_type} named {logical_id}")
    return resource


def decisions_table_spec(
    template: dict[str, Any],
    table_name: str | None = None,
    logical_id: str = DECISIONS_TABLE_ID,
) -> dict[str, Any]:
    """The keyword arguments of boto3 `dynamodb.create_table` for the decision table.

    Returns `AttributeDefinitions`, `KeySchema`, `BillingMode` and `GlobalSecondaryIndexes` (each
    with `IndexName`, `KeySchema`, `Projection`), read from the template; `TableName` is added when
    `table_name` is given. Usage: `client.create_table(TableName=name, **decisions_table_spec(t))`.
    """
    props = _resource(template, logical_id, "AWS::DynamoDB::Table").get("Properties", {})
    where = f"Resources.{logical_id}.Properties"
    billing_mode = _literal(props.get("BillingMode", "PROVISIONED"), f"{where}.BillingMode")
    spec: dict[str, Any] = {
        "AttributeDefinitions": _literal(props["AttributeDefinitions"], f"{where}.AttributeDefinitions"),
        "KeySchema": _literal(props["KeySchema"], f"{where}.KeySchema"),
        "BillingMode": billing_mode,
    }
    if billing_mode == "PROVISIONED":
        spec["ProvisionedThroughput"] = _literal(
            props["ProvisionedThroughput"], f"{where}.ProvisionedThroughput"
        )
    indexes = []
    for position, index in enumerate(props.get("GlobalSecondaryIndexes", [])):
        index_where = f"{where}.GlobalSecondaryIndexes[{position}]"
        entry = {
            "IndexName": _literal(index["IndexName"], f"{index_where}.IndexName"),
            "KeySchema": _literal(index["KeySchema"], f"{index_where}.KeySchema"),
            "Projection": _literal(index["Projection"], f"{index_where}.Projection"),
        }
        if billing_mode == "PROVISIONED":
            entry["ProvisionedThroughput"] = _literal(
                index["ProvisionedThroughput"], f"{index_where}.ProvisionedThroughput"
            )
        indexes.append(entry)
    if indexes:
        spec["GlobalSecondaryIndexes"] = indexes
    if table_name is not None:
        spec["TableName"] = table_name
    return spec


def parameter_defaults(template: dict[str, Any]) -> dict[str, str]:
    """Each template parameter that has a default, as the string CloudFormation would pass."""
    defaults = {}
    for name, parameter in template.get("Parameters", {}).items():
        if "Default" in parameter:
            defaults[name] = _as_env_string(parameter["Default"])
    return defaults


def environment_defaults(template: dict[str, Any], function_id: str | None = None) -> dict[str, str]:
    """The functions' environment variables that the template sets to a literal or a parameter.

    Globals come first, then `function_id`'s own variables. A `!Ref` to a parameter resolves to the
    parameter's default; variables set from resources or conditions (the bucket and table names)
    are left out, since a local run names its own bucket and table.
    """
    params = parameter_defaults(template)
    variables: dict[str, Any] = dict(
        template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    )
    if function_id is not None:
        function = _resource(template, function_id, "AWS::Serverless::Function")
        variables.update(function.get("Properties", {}).get("Environment", {}).get("Variables", {}))
    resolved = {}
    for name, value in variables.items():
        if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in params:
            resolved[name] = params[value["Ref"]]
        elif not _is_intrinsic(value):
            resolved[name] = _as_env_string(value)
    return resolved


def _as_env_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
