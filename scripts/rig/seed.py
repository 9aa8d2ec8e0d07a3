"""Seed the AWS emulator with a core-infra named as the old-layout ECS Blueprints name it.

The old core-infra blueprint (aws-ia/ecs-blueprints at a4c7228) creates, for a
stack name NAME: a VPC tagged Name=NAME, subnets tagged NAME-private-<az> and
NAME-public-<az>, an ECS cluster NAME, Cloud Map private DNS namespaces
<namespace>.NAME.local and a task execution role NAME-execution. The service
blueprints find these only by name and tag, so this script recreates exactly
those names. Options add the GitHub token secret and the CodeStar
Notifications service-linked role, or break the account on purpose.

Prints a JSON report of what was created on stdout. Secret values are never printed.
"""

import argparse
import ipaddress
import json
import os
import random
import string
import sys
import urllib.request
from urllib.parse import urlparse

import boto3
from botocore.config import Config

PARTS = ("vpc", "subnets", "cluster", "namespace", "role")
DEFAULT_SECRET = "ecs-github-token"
CODESTAR_SERVICE = "codestar-notifications.amazonaws.com"
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")

# Placeholder keys: the emulator accepts any key, and these are plainly not real.
FAKE_ACCESS_KEY = "AKIAEMULATOREXAMPLE0"
FAKE_SECRET_KEY = "emulator-fake-secret-key-not-real"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="emulator URL on loopback, e.g. http://127.0.0.1:5000")
    parser.add_argument("--region", default="us-west-2", help="AWS region to seed (default: us-west-2)")
    parser.add_argument("--core-stack-name", default="ecs-blueprint-infra",
                        help="core-infra stack name (default: ecs-blueprint-infra)")
    parser.add_argument("--namespace-zone-unlinked", action="store_true",
                        help="leave the namespace's hosted zone with no VPC listed, as moto does on its own")
    parser.add_argument("--namespace", default="default",
                        help="first label of the Cloud Map namespace (default: default)")
    parser.add_argument("--vpc-cidr", default="10.0.0.0/16", help="VPC CIDR (default: 10.0.0.0/16)")
    parser.add_argument("--without", action="append", default=[], choices=PARTS, metavar="PART",
                        help=f"leave out one part of core-infra; repeatable; one of {', '.join(PARTS)}")
    parser.add_argument("--with-secret", nargs="?", const=DEFAULT_SECRET, metavar="NAME",
                        help=f"plain-text secret holding a fake classic GitHub token (default name {DEFAULT_SECRET})")
    parser.add_argument("--secret-json", nargs="?", const=DEFAULT_SECRET, metavar="NAME",
                        help="secret holding a JSON key/value object instead of plain text")
    parser.add_argument("--secret-binary", nargs="?", const=DEFAULT_SECRET, metavar="NAME",
                        help="secret holding a binary value instead of a string")
    parser.add_argument("--secret-empty", nargs="?", const=DEFAULT_SECRET, metavar="NAME",
                        help="secret with no value at all (no version)")
    parser.add_argument("--with-role", action="store_true",
                        help="create the CodeStar Notifications service-linked role")
    parser.add_argument("--second-vpc", action="store_true",
                        help="add a second VPC with the same Name tag and its own private subnets")
    parser.add_argument("--inactive-cluster", action="store_true",
                        help="leave the ECS cluster in the INACTIVE state (created, then deleted)")
    parser.add_argument("--limited-user", metavar="NAME",
                        help="create an IAM user allowed every action except those given with --deny-action, "
                             "and write its access key as profile NAME to --credentials-file")
    parser.add_argument("--deny-action", action="append", default=[], metavar="ACTION",
                        help="an action, such as iam:GetRole, that the limited user may not perform (repeatable)")
    parser.add_argument("--credentials-file", metavar="PATH",
                        help="AWS shared credentials file the limited user's profile is appended to (mode 0600)")
    parser.add_argument("--enforce-iam", action="store_true",
                        help="after seeding, make the emulator check signatures and IAM policies on every call "
                             "(only keys created in the emulator then work)")
    arguments = parser.parse_args(argv)

    host = urlparse(arguments.url).hostname
    if host not in LOOPBACK_HOSTS:
        parser.error(f"the URL {arguments.url!r} is not on loopback; seed only a local emulator")
    secrets = [value for value in (arguments.with_secret, arguments.secret_json,
                                   arguments.secret_binary, arguments.secret_empty) if value]
    if len(secrets) != len(set(secrets)):
        parser.error("two secret options name the same secret; give them different names")
    if arguments.limited_user and not arguments.credentials_file:
        parser.error("--limited-user needs --credentials-file, where its access key is written")
    if arguments.deny_action and not arguments.limited_user:
        parser.error("--deny-action applies to --limited-user; name the user too")
    return arguments


def fake_github_token():
    """Return a value shaped like a classic GitHub token (ghp_ and 36 characters) that is plainly fake."""
    return "ghp_" + "".join(random.choice("x0123456789") for _ in range(36))


class Seeder:
    def __init__(self, arguments):
        self.arguments = arguments
        self.name = arguments.core_stack_name
        self.tags = [{"Key": "Blueprint", "Value": self.name},
                     {"Key": "GithubRepo", "Value": "github.com/aws-ia/ecs-blueprints"}]
        session = boto3.session.Session(aws_access_key_id=FAKE_ACCESS_KEY,
                                        aws_secret_access_key=FAKE_SECRET_KEY,
                                        region_name=arguments.region)
        config = Config(retries={"max_attempts": 1})
        self.client = lambda service: session.client(service, endpoint_url=arguments.url, config=config)
        self.report = {"region": arguments.region, "core_stack_name": self.name}

    def run(self):
        skipped = set(self.arguments.without)
        if "vpc" in skipped:
            # Subnets and the namespace still need a VPC: a stand-in with no Name tag contains them.
            vpc_id = self.client("ec2").create_vpc(CidrBlock=self.arguments.vpc_cidr)["Vpc"]["VpcId"]
            self.report["untagged_vpc"] = {"id": vpc_id, "cidr": self.arguments.vpc_cidr}
        else:
            vpc_id = self.create_vpc(self.arguments.vpc_cidr)
            self.report["vpc"] = {"id": vpc_id, "name": self.name, "cidr": self.arguments.vpc_cidr}
        if "subnets" not in skipped:
            self.report["subnets"] = self.create_subnets(vpc_id, self.arguments.vpc_cidr, public=True)
        if self.arguments.second_vpc:
            self.report["second_vpc"] = self.create_second_vpc()
        if "cluster" not in skipped:
            self.report["cluster"] = self.create_cluster()
        if "namespace" not in skipped:
            self.report["namespace"] = self.create_namespace(vpc_id)
        if "role" not in skipped:
            self.report["execution_role"] = self.create_execution_role()
        self.create_secrets()
        if self.arguments.with_role:
            self.report["service_linked_role"] = self.create_service_linked_role()
        if self.arguments.limited_user:
            self.report["limited_user"] = self.create_limited_user()
        if self.arguments.enforce_iam:
            self.enforce_iam()
        return self.report

    def create_vpc(self, cidr):
        ec2 = self.client("ec2")
        vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[{
            "ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": self.name}] + self.tags}])["Vpc"]
        ec2.modify_vpc_attribute(VpcId=vpc["VpcId"], EnableDnsHostnames={"Value": True})
        return vpc["VpcId"]

    def create_subnets(self, vpc_id, cidr, public):
        """Create the subnets the VPC module makes: public /24s at index 0-2, private at 10-12, one per AZ."""
        ec2 = self.client("ec2")
        zones = [zone["ZoneName"] for zone in ec2.describe_availability_zones()["AvailabilityZones"]][:3]
        blocks = list(ipaddress.ip_network(cidr).subnets(new_prefix=24))
        created = {"private": [], "public": []}
        tiers = [("private", 10)] + ([("public", 0)] if public else [])
        for tier, first in tiers:
            for index, zone in enumerate(zones):
                name = f"{self.name}-{tier}-{zone}"
                subnet = ec2.create_subnet(
                    VpcId=vpc_id, CidrBlock=str(blocks[first + index]), AvailabilityZone=zone,
                    TagSpecifications=[{"ResourceType": "subnet",
                                        "Tags": [{"Key": "Name", "Value": name}] + self.tags}])["Subnet"]
                created[tier].append({"id": subnet["SubnetId"], "name": name, "vpc_id": vpc_id,
                                      "availability_zone": zone, "cidr": subnet["CidrBlock"]})
        return created

    def create_second_vpc(self):
        cidr = "10.1.0.0/16"
        vpc_id = self.create_vpc(cidr)
        subnets = self.create_subnets(vpc_id, cidr, public=False)
        return {"id": vpc_id, "name": self.name, "cidr": cidr, "subnets": subnets}

    def create_cluster(self):
        ecs = self.client("ecs")
        cluster = ecs.create_cluster(
            clusterName=self.name,
            settings=[{"name": "containerInsights", "value": "enabled"}],
            capacityProviders=["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategy=[
                {"capacityProvider": "FARGATE", "weight": 1, "base": 1},
                {"capacityProvider": "FARGATE_SPOT", "weight": 0}],
            tags=[{"key": tag["Key"], "value": tag["Value"]} for tag in self.tags])["cluster"]
        if self.arguments.inactive_cluster:
            cluster = ecs.delete_cluster(cluster=self.name)["cluster"]
        return {"name": cluster["clusterName"], "arn": cluster["clusterArn"], "status": cluster["status"]}

    def create_namespace(self, vpc_id):
        discovery = self.client("servicediscovery")
        name = f"{self.arguments.namespace}.{self.name}.local"
        discovery.create_private_dns_namespace(
            Name=name, Vpc=vpc_id, Description=f"Service discovery namespace for {self.name}",
            Tags=self.tags)
        for namespace in discovery.list_namespaces()["Namespaces"]:
            if namespace["Name"] == name:
                if not self.arguments.namespace_zone_unlinked:
                    self.associate_hosted_zone(discovery, namespace["Id"], vpc_id)
                return {"id": namespace["Id"], "name": name, "arn": namespace["Arn"],
                        "type": namespace["Type"]}
        raise SystemExit(f"seed.py: the emulator did not list the namespace {name} after creating it")

    def associate_hosted_zone(self, discovery, namespace_id, vpc_id):
        # AWS attaches a private namespace's hosted zone to its VPC; moto 5.2.5 leaves the
        # zone's VPC list empty, so the seed records the association the way AWS shows it.
        details = discovery.get_namespace(Id=namespace_id)["Namespace"]
        zone = details["Properties"]["DnsProperties"]["HostedZoneId"]
        self.client("route53").associate_vpc_with_hosted_zone(
            HostedZoneId=zone, VPC={"VPCRegion": self.arguments.region, "VPCId": vpc_id})

    def create_execution_role(self):
        iam = self.client("iam")
        name = f"{self.name}-execution"
        trust = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
            "Action": "sts:AssumeRole"}]}
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust),
                               Tags=self.tags)["Role"]
        # NOTE: moto does not load AWS managed policies by default, so the role gets only the
        # customer policy core-infra adds (AmazonECSTaskExecutionRolePolicy is not attached).
        read_secrets = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
        policy = iam.create_policy(PolicyName="ECSTaskExecutionReadSecretsManager",
                                   PolicyDocument=json.dumps(read_secrets))["Policy"]
        iam.attach_role_policy(RoleName=name, PolicyArn=policy["Arn"])
        return {"name": name, "arn": role["Arn"]}

    def create_secrets(self):
        secrets = self.client("secretsmanager")
        created = []
        options = self.arguments
        if options.with_secret:
            secrets.create_secret(Name=options.with_secret, SecretString=fake_github_token())
            created.append({"name": options.with_secret, "kind": "plain-text"})
        if options.secret_json:
            value = json.dumps({"token": fake_github_token()})
            secrets.create_secret(Name=options.secret_json, SecretString=value)
            created.append({"name": options.secret_json, "kind": "json"})
        if options.secret_binary:
            secrets.create_secret(Name=options.secret_binary, SecretBinary=fake_github_token().encode())
            created.append({"name": options.secret_binary, "kind": "binary"})
        if options.secret_empty:
            secrets.create_secret(Name=options.secret_empty)
            created.append({"name": options.secret_empty, "kind": "empty"})
        for entry in created:
            entry["arn"] = secrets.describe_secret(SecretId=entry["name"])["ARN"]
        if created:
            self.report["secrets"] = created

    def create_service_linked_role(self):
        role = self.client("iam").create_service_linked_role(AWSServiceName=CODESTAR_SERVICE)["Role"]
        return {"name": role["RoleName"], "arn": role["Arn"], "path": role["Path"]}

    def create_limited_user(self):
        """Create a user whose one policy allows everything but the denied actions (NotAction), so a
        denied call fails the way a missing Allow fails in AWS. The secret key goes only to the
        credentials file, never to the report."""
        iam = self.client("iam")
        name = self.arguments.limited_user
        user = iam.create_user(UserName=name)["User"]
        statement = {"Effect": "Allow", "Resource": "*"}
        if self.arguments.deny_action:
            statement["NotAction"] = self.arguments.deny_action
        else:
            statement["Action"] = "*"
        iam.put_user_policy(UserName=name, PolicyName="berth-limited",
                            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))
        key = iam.create_access_key(UserName=name)["AccessKey"]

        path = self.arguments.credentials_file
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a") as credentials:
            credentials.write(f"[{name}]\naws_access_key_id = {key['AccessKeyId']}\n"
                              f"aws_secret_access_key = {key['SecretAccessKey']}\n")
        return {"name": name, "arn": user["Arn"], "access_key_id": key["AccessKeyId"],
                "denied_actions": self.arguments.deny_action, "credentials_file": path}

    def enforce_iam(self):
        # moto's switch: authorization starts after this many further calls, here at once.
        request = urllib.request.Request(self.arguments.url.rstrip("/") + "/moto-api/reset-auth", data=b"0",
                                         method="POST", headers={"Content-Type": "text/plain"})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        self.report["iam_enforced"] = True


def main(argv):
    arguments = parse_arguments(argv)
    report = Seeder(arguments).run()
    json.dump(report, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
