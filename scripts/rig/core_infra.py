"""Create one part of a core-infra in the local AWS emulator, for the apply of sandbox/core-infra.

Usage: core_infra.py PART --core-stack-name NAME --region REGION [--vpc-cidr CIDR] [--namespaces LABELS]
PART is one of vpc, subnets, cluster, namespace, role. The objects get the names and tags the
old-layout core-infra blueprint gives them, made by the same code as scripts/rig/seed.py.

The emulator's URL comes from AWS_ENDPOINT_URL, as for every other AWS client in the sandbox.
The script rejects any host but loopback, so it can never create anything in AWS.
Each part is created once: a second run finds the existing object and reports it, so a
retried apply never makes a duplicate that would make the blueprint's look-ups ambiguous.

Prints one line saying what it created or found.
"""

import argparse
import os
import sys
from urllib.parse import urlparse

from botocore.exceptions import ClientError

# Importing seed.py must not leave a __pycache__ folder in the checkout.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed  # noqa: E402  (seed.py sits next to this script)

PARTS = ("vpc", "subnets", "cluster", "namespace", "role")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=PARTS)
    parser.add_argument("--core-stack-name", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("--vpc-cidr", default="10.0.0.0/16")
    parser.add_argument("--namespaces", default="default",
                        help="first labels of the Cloud Map namespaces, comma-separated, created in this order")
    arguments = parser.parse_args(argv)

    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    if not endpoint:
        parser.error("AWS_ENDPOINT_URL is not set; point it at the local emulator (scripts/sandbox does)")
    if urlparse(endpoint).hostname not in seed.LOOPBACK_HOSTS:
        parser.error(f"AWS_ENDPOINT_URL {endpoint!r} is not on loopback; this script only talks to a local emulator")
    arguments.url = endpoint
    return arguments


class CorePart:
    def __init__(self, arguments):
        self.arguments = arguments
        self.name = arguments.core_stack_name
        # seed.py's own parser checks the URL again and fills in the options its Seeder reads.
        seed_arguments = seed.parse_arguments([
            arguments.url, "--region", arguments.region, "--core-stack-name", self.name,
            "--vpc-cidr", arguments.vpc_cidr])
        self.seeder = seed.Seeder(seed_arguments)
        self.client = self.seeder.client

    def run(self):
        return getattr(self, "create_" + self.arguments.part)()

    def vpc_ids(self):
        response = self.client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [self.name]}])
        return [vpc["VpcId"] for vpc in response["Vpcs"]]

    def the_vpc(self):
        ids = self.vpc_ids()
        if len(ids) != 1:
            raise SystemExit(f"core_infra.py: expected one VPC tagged Name={self.name}, found {len(ids)}: {ids}; "
                             "apply the vpc resource first, or remove the duplicate")
        return ids[0]

    def create_vpc(self):
        ids = self.vpc_ids()
        if ids:
            return f"VPC {self.name} exists: {', '.join(ids)}"
        return f"created VPC {self.seeder.create_vpc(self.arguments.vpc_cidr)} tagged Name={self.name}"

    def create_subnets(self):
        vpc_id = self.the_vpc()
        pattern = f"{self.name}-private-*"
        existing = self.client("ec2").describe_subnets(Filters=[{"Name": "tag:Name", "Values": [pattern]}])["Subnets"]
        if existing:
            return f"{len(existing)} private subnets {pattern} exist"
        created = self.seeder.create_subnets(vpc_id, self.arguments.vpc_cidr, public=True)
        names = [subnet["name"] for subnet in created["private"]]
        return f"created {len(names)} private and {len(created['public'])} public subnets in {vpc_id}: {', '.join(names)}"

    def create_cluster(self):
        clusters = self.client("ecs").describe_clusters(clusters=[self.name])["clusters"]
        if any(cluster["status"] == "ACTIVE" for cluster in clusters):
            return f"ECS cluster {self.name} exists"
        cluster = self.seeder.create_cluster()
        return f"created ECS cluster {cluster['name']} ({cluster['status']})"

    def create_namespace(self):
        return "; ".join(self.create_one_namespace(label.strip())
                         for label in self.arguments.namespaces.split(",") if label.strip())

    def create_one_namespace(self, label):
        wanted = f"{label}.{self.name}.local"
        for namespace in self.client("servicediscovery").list_namespaces()["Namespaces"]:
            if namespace["Name"] == wanted:
                return f"namespace {wanted} exists ({namespace['Id']})"
        self.seeder.arguments.namespace = label
        try:
            created = self.seeder.create_namespace(self.the_vpc())
        except ClientError as error:
            # moto 5 keeps one private namespace per VPC (AWS allows several), so only the first
            # label in the list becomes a real namespace. The blueprint's default is first.
            if error.response.get("Error", {}).get("Code") != "ConflictingDomainExists":
                raise
            return f"namespace {wanted} recorded only: the emulator keeps one private namespace per VPC"
        return f"created private DNS namespace {created['name']} ({created['id']})"

    def create_role(self):
        name = f"{self.name}-execution"
        try:
            role = self.client("iam").get_role(RoleName=name)["Role"]
            return f"role {name} exists ({role['Arn']})"
        except self.client("iam").exceptions.NoSuchEntityException:
            pass
        created = self.seeder.create_execution_role()
        return f"created role {created['name']} ({created['arn']})"


def main(argv):
    arguments = parse_arguments(argv)
    print(CorePart(arguments).run())


if __name__ == "__main__":
    main(sys.argv[1:])
