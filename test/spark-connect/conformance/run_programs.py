"""The PySpark side of the conformance suite: runs every program in one process, one session.

Reads {"url", "setup": [sql…], "programs": [{"name", "code"}]} as JSON on stdin and writes
{name: {"schema", "rows"} | {"error"}} as JSON to the file named by the first argument. A
program's code is a Python expression giving a DataFrame, or statements that assign `df`.
Values are sent in a form JSON keeps exactly (64-bit integers, floats and decimals as text,
timestamps as microseconds since the epoch); the TypeScript side compares them by the schema.
"""

import datetime
import decimal
import json
import math
import sys
import traceback

from pyspark.errors import PySparkException
from pyspark.sql import Observation, Row, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MICROSECOND = datetime.timedelta(microseconds=1)


def encode(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        epoch = EPOCH_UTC if value.tzinfo is not None else EPOCH
        return str((value - epoch) // MICROSECOND)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value // MICROSECOND)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, Row):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return [[encode(k), encode(v)] for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return {"unsupported": type(value).__name__, "text": str(value)}


def error_of(exc):
    condition = exc.getCondition() if isinstance(exc, PySparkException) else None
    return {"class": condition, "type": type(exc).__name__, "message": str(exc).split("\n")[0][:500]}


def run(spark, code):
    scope = {"spark": spark, "F": F, "T": T, "Window": Window, "Row": Row, "Observation": Observation, "datetime": datetime, "Decimal": decimal.Decimal}
    try:
        df = eval(compile(code, "<program>", "eval"), scope)
    except SyntaxError:
        exec(compile(code, "<program>", "exec"), scope)
        df = scope["df"]
    schema = df.schema.jsonValue()
    rows = [encode(row) for row in df.collect()]
    return {"schema": schema, "rows": rows}


def main():
    request = json.load(sys.stdin)
    spark = SparkSession.builder.remote(request["url"]).getOrCreate()
    for statement in request["setup"]:
        spark.sql(statement)
    results = {}
    for program in request["programs"]:
        try:
            results[program["name"]] = run(spark, program["code"])
        except Exception as exc:  # noqa: BLE001 - every failure is a result to compare
            results[program["name"]] = {"error": error_of(exc)}
            if not isinstance(exc, PySparkException):
                results[program["name"]]["error"]["trace"] = traceback.format_exc()[-2000:]
    spark.stop()
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(results, out)


if __name__ == "__main__":
    main()
