/**
 * PySpark names this client leaves out on purpose, per class, with the reason. Everything else
 * PySpark has and this client lacks is a gap (shown as absent in the coverage table).
 */
const pythonUdf =
  "runs Python code on the server's Python workers (a UDF); write it in SQL or register it in Scala/Java";
const pythonUdfType = "a Python type of the UDF/UDTF API";
const pandas = "pandas on the Python side; use toArrow() for columnar data";
const pythonFunction = "runs a Python function on the server's Python workers";

export const notApplicable: Record<string, Record<string, string>> = {
  functions: {
    udf: pythonUdf,
    udtf: pythonUdf,
    pandas_udf: pythonUdf,
    arrow_udf: pythonUdf,
    arrow_udtf: pythonUdf,
    AnalyzeArgument: pythonUdfType,
    AnalyzeResult: pythonUdfType,
    ArrowUDFType: pythonUdfType,
    OrderingColumn: pythonUdfType,
    PandasUDFType: pythonUdfType,
    PartitioningColumn: pythonUdfType,
    SelectedColumn: pythonUdfType,
    SkipRestOfInputTableException: pythonUdfType,
    UserDefinedFunction: pythonUdfType,
    UserDefinedTableFunction: pythonUdfType,
  },
  Column: {
    to_plan: "PySpark's internal conversion of a Column to its protocol message",
  },
  DataFrame: {
    foreach: pythonFunction,
    foreachPartition: pythonFunction,
    mapInArrow: pythonFunction,
    mapInPandas: pythonFunction,
    toPandas: pandas,
    pandas_api: pandas,
    plot: "plotting with Python libraries",
    asTable:
      "a TABLE argument, which only Python UDTFs (user-defined table functions) take; use a DataFrame or a view with SQL table functions",
  },
  GroupedData: {
    apply: pythonFunction,
    applyInArrow: pythonFunction,
    applyInPandas: pythonFunction,
    applyInPandasWithState: pythonFunction,
    cogroup: "groups two DataFrames for applyInPandas, a Python function",
    transformWithState: "a Python StatefulProcessor run by the server's Python workers",
    transformWithStateInPandas: "a Python StatefulProcessor run by the server's Python workers",
  },
  SparkSession: {
    udf: "registers Python UDFs",
    udtf: "registers Python UDTFs",
    dataSource: "registers Python data sources",
    profile: "profiles Python UDFs",
    Builder: "PySpark's builder class; here SparkSession.builder() returns a SparkSessionBuilder",
    Hook: "PySpark's hook for its builder class",
    client: "PySpark's internal gRPC client object",
  },
  Catalog: {
    registerFunction: "registers a Python function as a UDF",
  },
  MergeIntoWriter: {
    WhenMatched: "PySpark's nested builder class; its methods are on what whenMatched() returns",
    WhenNotMatched: "PySpark's nested builder class; its methods are on what whenNotMatched() returns",
    WhenNotMatchedBySource:
      "PySpark's nested builder class; its methods are on what whenNotMatchedBySource() returns",
  },
  DataStreamWriter: {
    foreach: pythonFunction,
    foreachBatch: pythonFunction,
  },
  StreamingQueryManager: {
    addListener: "a Python StreamingQueryListener, run by the server's Python workers",
    removeListener: "a Python StreamingQueryListener, run by the server's Python workers",
    close:
      "closes PySpark's local bus of Python StreamingQueryListeners (see addListener); there is nothing to close here",
  },
};
