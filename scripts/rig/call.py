"""Call one AWS API operation on the local emulator with boto3 and print the response as JSON.

Usage: call.py URL SERVICE OPERATION [PARAMETERS-JSON] [--region REGION]
Example: call.py http://127.0.0.1:5000 ec2 describe_vpcs '{"Filters": [{"Name": "tag:Name", "Values": ["x"]}]}'

Tests use it to check what the emulator contains without going through Berth's own AWS code.
An AWS error prints {"Error": {"Code": ..., "Message": ...}} and exits with status 3.
"""

import argparse
import base64
import json
import sys
from urllib.parse import urlparse

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def encode(value):
    if isinstance(value, (bytes, bytearray)):
        return {"base64": base64.b64encode(value).decode()}
    return str(value)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("service", help="boto3 service name, e.g. ec2, secretsmanager")
    parser.add_argument("operation", help="boto3 method name, e.g. describe_vpcs")
    parser.add_argument("parameters", nargs="?", default="{}", help="keyword arguments as a JSON object")
    parser.add_argument("--region", default="us-west-2", help="region (default: us-west-2)")
    arguments = parser.parse_args(argv)
    if urlparse(arguments.url).hostname not in ("127.0.0.1", "::1", "localhost"):
        parser.error(f"the URL {arguments.url!r} is not on loopback; call only a local emulator")

    client = boto3.session.Session(
        aws_access_key_id="AKIAEMULATOREXAMPLE0",
        aws_secret_access_key="emulator-fake-secret-key-not-real",
        region_name=arguments.region,
    ).client(arguments.service, endpoint_url=arguments.url, config=Config(retries={"max_attempts": 1}))
    try:
        response = getattr(client, arguments.operation)(**json.loads(arguments.parameters))
    except ClientError as error:
        json.dump({"Error": error.response.get("Error", {})}, sys.stdout)
        sys.stdout.write("\n")
        return 3
    response.pop("ResponseMetadata", None)
    json.dump(response, sys.stdout, default=encode, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
