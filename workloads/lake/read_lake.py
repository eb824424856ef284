"""Reads the pipeline's Parquet lake without Spark, with pyarrow (`pip install pyarrow`).

The lake is the output of Spark's streaming file sink: Parquet files partitioned by `date` and
`hour`, and a log of the files each committed micro-batch added (`_spark_metadata`). A batch
that failed halfway can leave files no entry of that log names, and the retried batch writes
new ones; so a reader that lists the folder may count events twice. This one reads only the
files the log names, as Spark does: exactly the events the job committed.

    # The lake on S3 (or an S3-compatible store), credentials from the usual AWS variables:
    AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… python read_lake.py s3a://lake/pipeline/lake/events \\
        --endpoint http://127.0.0.1:9000 --region us-east-1
    # A lake in a folder:
    python read_lake.py ./lake/events
    # Every row's chosen columns as JSON lines, instead of the summary:
    python read_lake.py ./lake/events --columns trace_id,span_id,service

An `--endpoint` (any S3-compatible store) addresses buckets in the path (host/bucket/key);
without one, pyarrow talks to AWS S3 in `--region` and takes credentials from the AWS SDK's
default chain (variables, profile, web identity).
"""

import argparse
import json
import sys
from urllib.parse import unquote, urlparse

import pyarrow.dataset as ds
import pyarrow.fs as pafs

METADATA_LOG = "_spark_metadata"
COMPACT_SUFFIX = ".compact"


def open_lake(uri: str, endpoint: str | None, region: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem of the lake and the lake's path in it."""
    url = urlparse(uri)
    if url.scheme in ("s3", "s3a"):
        options: dict[str, str] = {"region": region}
        if endpoint:
            store = urlparse(endpoint)
            if not store.scheme or not store.netloc:
                sys.exit(f"read_lake: --endpoint must be http(s)://host[:port], got {endpoint!r}")
            options |= {"endpoint_override": store.netloc, "scheme": store.scheme}
        return pafs.S3FileSystem(**options), f"{url.netloc}{unquote(url.path)}".rstrip("/")
    if url.scheme in ("", "file"):
        return pafs.LocalFileSystem(), unquote(url.path).rstrip("/")
    sys.exit(f"read_lake: the lake must be s3a://bucket/path, s3://bucket/path or a local path, got {uri!r}")


def path_in(filesystem: pafs.FileSystem, logged: str) -> str:
    """A file's path in `filesystem`, from the URI the metadata log records (s3a://… or file:…)."""
    url = urlparse(logged)
    if isinstance(filesystem, pafs.S3FileSystem):
        return f"{url.netloc}{unquote(url.path)}"
    return unquote(url.path)


def committed_files(filesystem: pafs.FileSystem, lake: str) -> list[str]:
    """
    The data files the sink committed: those named by the latest compacted batch of the metadata
    log and by every batch after it (a compaction holds every entry up to its batch).
    """
    listing = filesystem.get_file_info(pafs.FileSelector(f"{lake}/{METADATA_LOG}", allow_not_found=True))
    batches: dict[int, str] = {}
    for info in listing:
        stem = info.base_name.removesuffix(COMPACT_SUFFIX)
        if info.type == pafs.FileType.File and stem.isdigit():
            batches[int(stem)] = info.path
    if not batches:
        sys.exit(f"read_lake: {lake} has no {METADATA_LOG} log: not a lake the stream job wrote")
    compacted = [batch for batch, path in batches.items() if path.endswith(COMPACT_SUFFIX)]
    first = max(compacted, default=min(batches))
    files: dict[str, None] = {}
    for batch in sorted(batch for batch in batches if batch >= first):
        with filesystem.open_input_stream(batches[batch]) as stream:
            version, *entries = stream.read().decode("utf-8").splitlines()
        if version != "v1":
            sys.exit(f"read_lake: {batches[batch]}: unknown metadata log version {version!r}")
        for line in entries:
            entry = json.loads(line)
            if entry.get("action") == "delete":
                files.pop(entry["path"], None)
            else:
                files[entry["path"]] = None
    return [path_in(filesystem, logged) for logged in files]


def main() -> None:
    parser = argparse.ArgumentParser(description="Read the pipeline's Parquet lake with pyarrow.")
    parser.add_argument("lake", help="the lake's events folder: s3a://bucket/…/events or a local path")
    parser.add_argument("--endpoint", help="an S3-compatible store's http(s)://host[:port]")
    parser.add_argument("--region", default="us-east-1", help="the region S3 requests are signed for")
    parser.add_argument("--columns", help="print these columns of every row as JSON lines")
    args = parser.parse_args()

    filesystem, lake = open_lake(args.lake, args.endpoint, args.region)
    files = committed_files(filesystem, lake)
    dataset = ds.dataset(
        files, filesystem=filesystem, format="parquet", partitioning="hive", partition_base_dir=lake
    )
    if args.columns:
        for batch in dataset.to_batches(columns=args.columns.split(",")):
            for row in batch.to_pylist():
                print(json.dumps(row, default=str))
        return
    table = dataset.to_table(columns=["date", "hour"])
    partitions = table.group_by(["date", "hour"]).aggregate([([], "count_all")]).to_pylist()
    summary = {
        "files": len(files),
        "rows": table.num_rows,
        "partitions": {f"{p['date']}/{p['hour']}": p["count_all"] for p in sorted(
            partitions, key=lambda p: (str(p["date"]), int(p["hour"]))
        )},
        "schema": [f"{field.name}: {field.type}" for field in dataset.schema],
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
