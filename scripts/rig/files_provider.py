"""A Terraform provider for the test rig whose one resource, `files_file`, is a local file.

Built-in `terraform_data` resources read back what the state holds, so they never drift. A file
edited behind Terraform's back does: the next refresh reads the new content and Terraform
reports real `resource_drift` events, offline. `scripts/rig/setup` installs this provider in a
filesystem mirror under `.rig/providers` as `berth.local/rig/files`.
"""
import os
from typing import Optional, Type

from tf import runner, schema, types
from tf.iface import Config, CreateContext, DeleteContext, ReadContext, State, UpdateContext
from tf.provider import DataSource, Diagnostics, Provider, Resource


class FileResource(Resource):
    @classmethod
    def get_name(cls) -> str:
        return "file"

    @classmethod
    def get_schema(cls) -> schema.Schema:
        return schema.Schema(attributes=[
            schema.Attribute("path", types.String(), required=True, requires_replace=True),
            schema.Attribute("content", types.String(), required=True),
            schema.Attribute("id", types.String(), computed=True),
        ])

    def __init__(self, provider):
        self.provider = provider

    def create(self, ctx: CreateContext, planned: State) -> Optional[State]:
        with open(planned["path"], "w", encoding="utf-8") as file:
            file.write(planned["content"])
        return dict(planned, id=planned["path"])

    def read(self, ctx: ReadContext, current: State) -> Optional[State]:
        try:
            with open(current["path"], encoding="utf-8") as file:
                return dict(current, content=file.read())
        except FileNotFoundError:
            return None

    def update(self, ctx: UpdateContext, current: State, planned: State) -> Optional[State]:
        return self.create(ctx, planned)

    def delete(self, ctx: DeleteContext, current: State):
        try:
            os.remove(current["path"])
        except FileNotFoundError:
            pass


class FilesProvider(Provider):
    def full_name(self) -> str:
        return "berth.local/rig/files"

    def get_model_prefix(self) -> str:
        return "files_"

    def get_provider_schema(self, diags: Diagnostics) -> schema.Schema:
        return schema.Schema(attributes=[])

    def validate_config(self, diags: Diagnostics, config: Config):
        pass

    def configure_provider(self, diags: Diagnostics, config: Config):
        pass

    def get_data_sources(self) -> list[Type[DataSource]]:
        return []

    def get_resources(self) -> list[Type[Resource]]:
        return [FileResource]


if __name__ == "__main__":
    runner.run_provider(FilesProvider())
