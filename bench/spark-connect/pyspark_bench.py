"""The PySpark Connect side of bench/spark-connect.ts: the same workloads against the same server.

Prints one JSON object with the measurements; the TypeScript driver compares the two clients.
"""

import json
import sys
import time

import pyarrow as pa
from pyspark.sql import SparkSession

WARMUP_ROWS = 200_000
MIXED_COLUMNS = [
    "id",
    "CAST(id AS INT) AS i",
    "id * 1.5 AS d",
    "CONCAT('service-', CAST(id % 100 AS STRING)) AS s",
    "id % 2 = 0 AS b",
    "TIMESTAMP_SECONDS(id) AS ts",
]


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    url, sizes, roundtrips, upload_rows = sys.argv[1], [int(n) for n in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4])
    spark = SparkSession.builder.remote(url).getOrCreate()
    out = {"version": spark.version, "collect": {}, "arrow": {}}

    spark.range(WARMUP_ROWS).selectExpr(*MIXED_COLUMNS).toArrow()
    spark.range(WARMUP_ROWS).selectExpr(*MIXED_COLUMNS).collect()
    for rows in sizes:
        df = spark.range(rows).selectExpr(*MIXED_COLUMNS)
        seconds, table = timed(df.toArrow)
        assert table.num_rows == rows
        out["arrow"][str(rows)] = seconds
        del table
        seconds, collected = timed(df.collect)
        assert len(collected) == rows
        out["collect"][str(rows)] = seconds
        del collected

    trivial = spark.range(1)
    latencies = []
    for _ in range(roundtrips):
        seconds, _ = timed(trivial.collect)
        latencies.append(seconds * 1000)
    out["roundtrip_ms"] = latencies

    data = [(i, i % 1000, i * 0.5, f"service-{i % 100}", i % 2 == 0, i * 7) for i in range(upload_rows)]
    schema = "id BIGINT, i INT, d DOUBLE, s STRING, b BOOLEAN, n BIGINT"
    seconds, count = timed(lambda: spark.createDataFrame(data, schema).count())
    assert count == upload_rows
    out["upload_rows"] = seconds
    table = pa.table(
        {
            "id": pa.array(range(upload_rows), pa.int64()),
            "i": pa.array([i % 1000 for i in range(upload_rows)], pa.int32()),
            "d": pa.array([i * 0.5 for i in range(upload_rows)], pa.float64()),
            "s": pa.array([f"service-{i % 100}" for i in range(upload_rows)], pa.string()),
            "b": pa.array([i % 2 == 0 for i in range(upload_rows)], pa.bool_()),
            "n": pa.array([i * 7 for i in range(upload_rows)], pa.int64()),
        }
    )
    seconds, count = timed(lambda: spark.createDataFrame(table).count())
    assert count == upload_rows
    out["upload_arrow"] = seconds
    spark.stop()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
