"""Moves the S3 bench's files in and out of the store with boto3 (moto's Python has it; Debian's python3 may not):
  s3.py ENDPOINT put BUCKET PREFIX DIR     uploads DIR's files under PREFIX (creating BUCKET)
  s3.py ENDPOINT get BUCKET PREFIX DIR     downloads the objects under PREFIX into DIR
  s3.py ENDPOINT getone BUCKET KEY FILE    downloads one object
  s3.py ENDPOINT uploads BUCKET            prints how many multipart uploads are pending"""
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

endpoint, action, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                  aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
                  # moto joins a multipart upload's parts in Python: completing GiBs takes longer than botocore's 60 s.
                  # and plain bodies (no aws-chunked trailer), which s3rver stores as they come.
                  config=Config(read_timeout=1800, retries={"max_attempts": 1}, request_checksum_calculation="when_required"))
transfer = TransferConfig(multipart_chunksize=64 << 20)
if action == "put":
    prefix, folder = sys.argv[4], sys.argv[5]
    try:
        s3.create_bucket(Bucket=bucket)
    except (s3.exceptions.BucketAlreadyOwnedByYou, s3.exceptions.BucketAlreadyExists):
        pass
    for name in sorted(os.listdir(folder)):
        s3.upload_file(os.path.join(folder, name), bucket, prefix + name, Config=transfer)
elif action == "get":
    prefix, folder = sys.argv[4], sys.argv[5]
    os.makedirs(folder, exist_ok=True)
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for o in page.get("Contents", []):
            s3.download_file(bucket, o["Key"], os.path.join(folder, o["Key"][len(prefix):]), Config=transfer)
elif action == "getone":
    s3.download_file(bucket, sys.argv[4], sys.argv[5], Config=transfer)
elif action == "uploads":
    print(len(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])))
