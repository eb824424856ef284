"""Prints, as JSON, the public names of PySpark Connect's API per class (and of pyspark.sql.functions).

Run by update-coverage.ts with the pyspark-client release that matches the pinned Spark server.
"""
import importlib
import json
import sys

import pyspark
import pyspark.sql.functions as functions

# (label in the coverage table, module, class name)
CLASSES = [
    ("Column", "pyspark.sql.connect.column", "Column"),
    ("DataFrame", "pyspark.sql.connect.dataframe", "DataFrame"),
    ("DataFrameNaFunctions", "pyspark.sql.connect.dataframe", "DataFrameNaFunctions"),
    ("DataFrameStatFunctions", "pyspark.sql.connect.dataframe", "DataFrameStatFunctions"),
    ("GroupedData", "pyspark.sql.connect.group", "GroupedData"),
    ("SparkSession", "pyspark.sql.connect.session", "SparkSession"),
    ("RuntimeConfig", "pyspark.sql.connect.conf", "RuntimeConf"),
    ("Catalog", "pyspark.sql.connect.catalog", "Catalog"),
    ("DataFrameReader", "pyspark.sql.connect.readwriter", "DataFrameReader"),
    ("DataFrameWriter", "pyspark.sql.connect.readwriter", "DataFrameWriter"),
    ("DataFrameWriterV2", "pyspark.sql.connect.readwriter", "DataFrameWriterV2"),
    ("MergeIntoWriter", "pyspark.sql.connect.merge", "MergeIntoWriter"),
    ("Observation", "pyspark.sql.connect.observation", "Observation"),
    ("Window", "pyspark.sql.connect.window", "Window"),
    ("WindowSpec", "pyspark.sql.connect.window", "WindowSpec"),
    ("DataStreamReader", "pyspark.sql.connect.streaming.readwriter", "DataStreamReader"),
    ("DataStreamWriter", "pyspark.sql.connect.streaming.readwriter", "DataStreamWriter"),
    ("StreamingQuery", "pyspark.sql.connect.streaming.query", "StreamingQuery"),
    ("StreamingQueryManager", "pyspark.sql.connect.streaming.query", "StreamingQueryManager"),
]


def public_names(cls):
    inherited = set(dir(object))
    return sorted(n for n in dir(cls) if not n.startswith("_") and n not in inherited)


def main():
    api = {"functions": sorted(functions.__all__)}
    for label, module, name in CLASSES:
        api[label] = public_names(getattr(importlib.import_module(module), name))
    json.dump({"pyspark": pyspark.__version__, "classes": api}, sys.stdout, indent=1)
    sys.stdout.write("\n")


main()
