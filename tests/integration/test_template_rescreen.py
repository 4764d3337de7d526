"""template.yaml's re-screen after a list change keeps its promises: the state machine reads only
what the builder puts in its input, its Distributed Map is configured by parameters, the worker may
do exactly what its code does (never a Scan, no delete but of a superseded review-queue entry,
updates of latest items only), the events go to a bus whose example rule matches them, and the
drop-to-last-event bound has an alarm.
"""

from __future__ import annotations

import json
import re
from typing import Any

import botocore.session
import pytest
from botocore import xform_name
from helpers import ROOT
from recall_screen.aws.index_store import IndexStore
from recall_screen.aws.rescreen_start import execution_input
from recall_screen.rescreen import EVENT_DETAIL_TYPE, EVENT_SOURCE, RescreenSettings
from recall_screen_cli.template import environment_defaults, load_template, parameter_defaults


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(ROOT / "template.yaml")


@pytest.fixture(scope="module")
def resources(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]


def machine(resources: dict[str, Any]) -> dict[str, Any]:
    definition: dict[str, Any] = resources["RescreenStateMachine"]["Properties"]["Definition"]
    return definition


def input_paths(node: Any) -> set[str]:
    """The execution-input fields a definition reads with "$.<field>" (not "$$" context paths, nor
    OutputPath and ResultPath, which address a state's result)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("OutputPath", "ResultPath"):
                continue
            if (
                isinstance(value, str)
                and (key.endswith(".$") or key.endswith("Path"))
                and value.startswith("$.")
            ):
                found.add(value[2:].split(".")[0])
            else:
                found |= input_paths(value)
    elif isinstance(node, list):
        for item in node:
            found |= input_paths(item)
    return found


def test_the_state_machine_reads_only_what_the_builder_puts_in_its_input(resources: dict[str, Any]) -> None:
    states = machine(resources)["States"]
    given = execution_input(IndexStore(object(), "bucket"), RescreenSettings(), version="v", dropped_at=None)
    # The map's batches read only their own BatchInput and Items; the top-level states read the input.
    top = {name: state for name, state in states.items() if name != "RescreenLiveListings"}
    map_state = {k: v for k, v in states["RescreenLiveListings"].items() if k != "ItemProcessor"}
    assert input_paths(top) | input_paths(map_state) <= set(given)
    assert {
        "index_version",
        "bucket",
        "manifest_key",
        "max_concurrency",
        "max_items_per_batch",
    } <= input_paths(map_state)


def test_the_live_listings_are_read_only_once_every_screener_may_serve_the_new_version(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    """A warm screener serves the previous version until its next refresh, and a request that
    began with it runs on: a listing it records allowed after the live listings were read would
    keep that decision, as the next version re-screens only for its own changes. The run waits
    first, as long as the screeners' refresh interval and the screener's timeout."""
    machine_ = machine(resources)
    first = machine_["States"][machine_["StartAt"]]
    assert (first["Type"], first["SecondsPath"]) == ("Wait", "$.settle_seconds")
    assert first["Next"] == "ReviewBlocksOnRemovedRecalls"
    parameters = parameter_defaults(template)
    settings = RescreenSettings.from_env(environment_defaults(template, "IndexBuilderFunction"))
    given = execution_input(IndexStore(object(), "bucket"), settings, version="v", dropped_at=None)
    screener = resources["ScreenerFunction"]["Properties"]
    screener_timeout = screener.get("Timeout", template["Globals"]["Function"]["Timeout"])
    assert given["settle_seconds"] >= int(parameters["IndexRefreshSeconds"]) + screener_timeout
    # A longer refresh interval waits longer: the builder reads the screeners' own parameter. The
    # longest the template allows still leaves the run most of its bound and of its timeout.
    longest = template["Parameters"]["IndexRefreshSeconds"]["MaxValue"]
    longer = RescreenSettings.from_env({"RECALL_SCREEN_INDEX_REFRESH_SECONDS": str(longest)})
    assert longer.settle_seconds >= longest + screener_timeout
    assert longer.settle_seconds < int(parameters["RescreenBoundSeconds"]) / 2
    assert longer.settle_seconds < machine_["TimeoutSeconds"] / 10


def test_the_live_listings_are_a_distributed_map_configured_by_parameters(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    state = machine(resources)["States"]["RescreenLiveListings"]
    assert state["Type"] == "Map"
    assert state["ItemProcessor"]["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    assert state["ItemReader"]["Resource"] == "arn:aws:states:::s3:getObject"
    assert {"MaxItemsPerBatchPath", "BatchInput"} <= set(state["ItemBatcher"])
    assert {"MaxConcurrencyPath", "ToleratedFailurePercentagePath"} <= set(state)
    batch = state["ItemProcessor"]["States"]["RescreenBatch"]
    assert batch["Retry"][0]["BackoffRate"] > 1  # a failed batch is retried with backoff

    # The parameters reach the builder, which passes them in the input, as the code reads them.
    builder = resources["IndexBuilderFunction"]["Properties"]["Environment"]["Variables"]
    defaults = environment_defaults(template, "IndexBuilderFunction")
    settings = RescreenSettings.from_env(defaults)
    parameters = parameter_defaults(template)
    assert settings.max_concurrency == int(parameters["RescreenMaxConcurrency"])
    assert settings.shards_per_batch == int(parameters["RescreenShardsPerBatch"])
    assert settings.tolerated_failure_percentage == float(parameters["RescreenToleratedFailurePercentage"])
    assert builder["RECALL_SCREEN_RESCREEN_STATE_MACHINE"] == {"Ref": "RescreenStateMachine"}
    statements = [
        s for p in resources["IndexBuilderFunction"]["Properties"]["Policies"] for s in p["Statement"]
    ]
    assert {"Sid": "StartRescreen", "Effect": "Allow", "Action": "states:StartExecution"}.items() <= {
        **next(s for s in statements if s["Sid"] == "StartRescreen")
    }.items()


def test_every_state_invokes_the_worker_and_the_worker_exists(resources: dict[str, Any]) -> None:
    properties = resources["RescreenStateMachine"]["Properties"]
    assert properties["DefinitionSubstitutions"] == {
        "WorkerArn": {"Fn::GetAtt": ["RescreenWorkerFunction", "Arn"]}
    }
    assert properties["Tracing"] == {"Enabled": True}  # one traced flow with the functions
    text = json.dumps(machine(resources))
    assert set(re.findall(r"\$\{(\w+)\}", text)) == {"WorkerArn"}
    worker = resources["RescreenWorkerFunction"]["Properties"]
    assert worker["Handler"] == "rescreen_worker.app.lambda_handler"
    assert (ROOT / "functions" / "rescreen_worker" / "app.py").is_file()
    assert worker["Environment"]["Variables"]["RECALL_SCREEN_EVENT_BUS"] == {"Ref": "DecisionEventBus"}


def worker_dynamodb_grants(resources: dict[str, Any]) -> set[tuple[str, str, tuple[str, ...] | None]]:
    grants = set()
    for policy in resources["RescreenWorkerFunction"]["Properties"]["Policies"]:
        for statement in policy["Statement"]:
            action = statement["Action"]
            if not action.startswith("dynamodb:"):
                continue
            resource = statement["Resource"]
            target = "table" if resource == {"Fn::GetAtt": ["DecisionsTable", "Arn"]} else resource["Fn::Sub"]
            target = target.removeprefix("${DecisionsTable.Arn}/")
            condition = statement.get("Condition")
            leading = (
                tuple(condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]) if condition else None
            )
            grants.add((action, target, leading))
    return grants


def test_the_worker_may_do_exactly_what_its_code_does(resources: dict[str, Any]) -> None:
    assert worker_dynamodb_grants(resources) == {
        ("dynamodb:PutItem", "table", ("DECISION#*", "LISTING#*", "MEMORY#*", "RELIST#*")),
        ("dynamodb:UpdateItem", "table", ("LISTING#*",)),
        ("dynamodb:GetItem", "table", None),
        ("dynamodb:Query", "index/by_live", None),
        ("dynamodb:Query", "index/by_recall", None),
        # The review queue and listing memory, as the API keeps them (review_store.py): a
        # listing's superseded queue entries deleted, its memory and look-alike blocks read.
        ("dynamodb:DeleteItem", "table", ("MEMORY#*",)),
        ("dynamodb:Query", "table", ("MEMORY#*", "RELIST#*")),
    }
    # The calls of the worker's code path (live listings, the run, the review store, and the log's
    # reads it uses).
    model = botocore.session.get_session().get_service_model("dynamodb")
    operations = {xform_name(name): name for name in model.operation_names}
    called: set[str] = set()
    for name in ("live_listings.py", "rescreen_run.py", "review_store.py"):
        text = (ROOT / "layers/recall_screen/recall_screen/aws" / name).read_text(encoding="utf-8")
        called |= {operations[m] for m in re.findall(r"\.([a-z_0-9]+)\(", text) if m in operations}
        called |= {f"{kind}Item" for kind in re.findall(r'\{\s*"(Put|Update|Delete|ConditionCheck)":', text)}
    called.discard("TransactWriteItems")
    called.add("Query")  # DecisionLog.recall_decisions, through the log
    granted = {action.removeprefix("dynamodb:") for action, _, _ in worker_dynamodb_grants(resources)}
    assert called == granted


def test_events_go_to_a_bus_whose_example_rule_delivers_them_to_a_queue(resources: dict[str, Any]) -> None:
    rule = resources["DecisionChangedRule"]["Properties"]
    assert rule["EventBusName"] == {"Ref": "DecisionEventBus"}
    assert rule["EventPattern"] == {"source": [EVENT_SOURCE], "detail-type": [EVENT_DETAIL_TYPE]}
    assert rule["Targets"][0]["Arn"] == {"Fn::GetAtt": ["DecisionChangesQueue", "Arn"]}
    (statement,) = resources["DecisionChangesQueuePolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "events.amazonaws.com"}
    assert statement["Condition"] == {
        "ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["DecisionChangedRule", "Arn"]}}
    }
    sends = [
        s
        for p in resources["RescreenWorkerFunction"]["Properties"]["Policies"]
        for s in p["Statement"]
        if s["Action"] == "events:PutEvents"
    ]
    assert [s["Resource"] for s in sends] == [{"Fn::GetAtt": ["DecisionEventBus", "Arn"]}]


def test_drop_to_last_event_has_a_bound_and_an_alarm(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    assert parameter_defaults(template)["RescreenBoundSeconds"] == "900"  # fifteen minutes
    alarm = resources["RescreenLateAlarm"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == ("RecallScreen", "DropToLastEventSeconds")
    assert alarm["Threshold"] == {"Ref": "RescreenBoundSeconds"}
    assert alarm["Statistic"] == "Maximum"
    # The metric is the one the worker's last step records.
    text = (ROOT / "functions/rescreen_worker/app.py").read_text(encoding="utf-8")
    assert 'name="DropToLastEventSeconds"' in text
    # A run that fails, times out or is stopped leaves listings unscreened and never reaches Finish:
    # the failed alarm counts all three (Step Functions reports each under its own metric).
    failed = resources["RescreenFailedAlarm"]["Properties"]
    watched = {
        m["MetricStat"]["Metric"]["MetricName"]: m["MetricStat"]["Metric"]
        for m in failed["Metrics"]
        if "MetricStat" in m
    }
    assert set(watched) == {"ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"}
    for metric in watched.values():
        assert metric["Namespace"] == "AWS/States"
        assert metric["Dimensions"] == [{"Name": "StateMachineArn", "Value": {"Ref": "RescreenStateMachine"}}]
    (alarmed,) = [m for m in failed["Metrics"] if m.get("ReturnData", True)]
    summed = set(re.findall(r"\((\w+),", alarmed["Expression"]))
    assert {m["Id"] for m in failed["Metrics"] if "MetricStat" in m} <= summed


def test_a_map_child_outlives_its_workers_timeout_and_retries(resources: dict[str, Any]) -> None:
    """An EXPRESS child execution ends at five minutes: after a worker's timeout (280 s) its
    retry, and a catalogue retry waiting out a claim's 60 s lock, would have no time left."""
    express_limit = 300
    for machine_name, map_name, worker in (
        ("RescreenStateMachine", "RescreenLiveListings", "RescreenWorkerFunction"),
        ("CatalogScreenStateMachine", "ScreenParts", "CatalogWorkerFunction"),
    ):
        states = resources[machine_name]["Properties"]["Definition"]["States"]
        processor = states[map_name]["ItemProcessor"]
        assert processor["ProcessorConfig"] == {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
        (task,) = processor["States"].values()
        assert task["Retry"][0]["MaxAttempts"] >= 1
        assert 2 * resources[worker]["Properties"]["Timeout"] > express_limit  # why not EXPRESS
