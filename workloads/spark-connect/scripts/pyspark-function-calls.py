"""Prints, as JSON, how PySpark Connect sends each function of pyspark.sql.functions.

For every function whose parameters are columns or plain values, a sample call with only the
required arguments and one with all of them, each with the expression PySpark builds, rendered
compactly. The unit tests replay the same calls with the TypeScript client and compare.
"""
import inspect
import json
import random
import sys
import warnings

warnings.filterwarnings("ignore")

import pyspark  # noqa: E402
import pyspark.sql.connect.functions as F  # noqa: E402
import pyspark.sql.functions as public  # noqa: E402
from google.protobuf.json_format import MessageToDict  # noqa: E402


def sample(annotation, index):
    """A sample argument for a parameter, by its annotation; None when it cannot be sampled."""
    text = str(annotation)
    if "Callable" in text or "DataFrame" in text or "Type" == text:
        return None
    if "ColumnOrName" in text:
        return f"c{index}"
    if "Column" in text and "str" not in text and "int" not in text and "float" not in text:
        return {"column": f"c{index}"}
    if "Mapping" in text:
        return {"options": {"k": "v"}}
    if "bool" in text:
        return True
    if "float" in text:
        return 0.5
    if "int" in text:
        return 2
    if "str" in text or "StructType" in text:
        return "s"
    if "Any" in text:
        return 1
    return None


def argument(value):
    if isinstance(value, dict) and "column" in value:
        return F.col(value["column"])
    if isinstance(value, dict) and "options" in value:
        return value["options"]
    return value


def render(expr):
    """A compact text of an expression (protobuf JSON): calls, columns, typed literals."""
    kind, body = next(iter(expr.items()))
    if kind in ("unresolvedFunction", "callFunction"):
        args = ", ".join(render(a) for a in body.get("arguments", []))
        distinct = "DISTINCT " if body.get("isDistinct") else ""
        prefix = "call " if kind == "callFunction" else ""
        return f"{prefix}{body['functionName']}({distinct}{args})"
    if kind == "unresolvedAttribute":
        return body["unparsedIdentifier"]
    if kind == "literal":
        (literal_type, value), *_ = [(k, v) for k, v in body.items() if k != "dataType"]
        return f"{json.dumps(value, sort_keys=True, separators=(',', ':'))}:{literal_type}"
    return kind


def main():
    calls = []
    for name in sorted(public.__all__):
        function = getattr(F, name, None)
        if not inspect.isfunction(function):
            continue
        parameters = [p for p in inspect.signature(function).parameters.values() if p.kind != p.KEYWORD_ONLY]
        samples = []
        for index, p in enumerate(parameters):
            value = sample(p.annotation, index)
            if value is None:
                break
            repeat = 2 if p.kind == p.VAR_POSITIONAL else 1
            samples.append((value, p.default is not inspect.Parameter.empty, repeat))
        else:
            required = [v for v, optional, n in samples if not optional for _ in range(n)]
            full = [v for v, _, n in samples for _ in range(n)]
            for args in ([required, full] if full != required else [required]):
                random.seed(0)  # the seeds PySpark draws for rand() and the like, fixed so the file is stable
                try:
                    expr = MessageToDict(function(*[argument(a) for a in args])._expr.to_plan(None))
                except Exception as error:  # PySpark rejects the sample (e.g. a value out of range)
                    expr = {"error": type(error).__name__}
                calls.append({"function": name, "args": args, "sent": expr if "error" in expr else render(expr)})
    json.dump({"pyspark": pyspark.__version__, "calls": calls}, sys.stdout, indent=2)
    sys.stdout.write("\n")


main()
