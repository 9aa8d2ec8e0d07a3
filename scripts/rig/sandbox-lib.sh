# Shell functions shared by scripts/sandbox and scripts/screenshots: prepare the sandbox
# blueprint copy, start the AWS emulator with a seeded core-infra, and export the environment
# that points Berth, Terraform and the AWS CLI at it. Source this file; it defines functions only.

# Root of the Berth package and the rig folder.
berth_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export BERTH_RIG=${BERTH_RIG:-$berth_root/.rig}

# Builds the debug berth: the tests build the same configuration, so a machine that runs both
# set-up commands compiles once, and the wizard waits on AWS and Terraform, not on the CPU.
# The build output goes to $BERTH_RIG/build.log and is shown only when the build fails.
sandbox_build_berth() {
    echo "berth sandbox: building berth (debug; the first build takes a few minutes), log in $BERTH_RIG/build.log" >&2
    mkdir -p "$BERTH_RIG"
    if ! (cd "$berth_root" && swift build --product berth) >"$BERTH_RIG/build.log" 2>&1; then
        tail -n 60 "$BERTH_RIG/build.log" >&2
        echo "berth sandbox: building berth failed; the full log is $BERTH_RIG/build.log" >&2
        return 1
    fi
    berth_binary=$berth_root/.build/debug/berth
}

# Copies sandbox/backend-service to $BERTH_RIG/sandbox/backend-service unless a copy exists
# (a second run redeploys the same state); with "fresh" as $1 it starts from a new copy.
sandbox_prepare_folder() {
    sandbox_folder=$BERTH_RIG/sandbox/backend-service
    if [ "${1:-}" = fresh ] && [ -d "$sandbox_folder" ]; then
        echo "berth sandbox: removing $sandbox_folder" >&2
        rm -rf "$sandbox_folder"
    fi
    if [ ! -d "$sandbox_folder" ]; then
        mkdir -p "$sandbox_folder"
        cp -R "$berth_root/sandbox/backend-service/." "$sandbox_folder/"
        echo "berth sandbox: copied the sandbox blueprint to $sandbox_folder" >&2
    else
        echo "berth sandbox: reusing $sandbox_folder (pass --fresh to start over)" >&2
    fi
}

# Starts the emulator with its stdin on a pipe this shell keeps open, so it stops when this
# shell exits even if the EXIT trap never runs. Sets emulator_url and emulator_pid.
sandbox_start_emulator() {
    sandbox_temporary=$(mktemp -d "${TMPDIR:-/tmp}/berth-sandbox.XXXXXX")
    mkfifo "$sandbox_temporary/stdin"
    "$BERTH_RIG/venv/bin/python" "$berth_root/scripts/rig/emulator.py" --max-seconds 86400 \
        <"$sandbox_temporary/stdin" >"$sandbox_temporary/stdout" 2>"$sandbox_temporary/stderr" &
    emulator_pid=$!
    exec {emulator_stdin}>"$sandbox_temporary/stdin"

    local attempt line
    for attempt in $(seq 1 300); do
        line=
        # Only a whole line counts: wc counts newlines, so a half-written URL is never read.
        if [ "$(wc -l <"$sandbox_temporary/stdout")" -ge 1 ]; then
            line=$(head -n 1 "$sandbox_temporary/stdout")
        fi
        case $line in
            "ready "*) emulator_url=${line#ready }; return 0 ;;
        esac
        if ! kill -0 "$emulator_pid" 2>/dev/null; then
            echo "berth sandbox: the AWS emulator exited before it was ready:" >&2
            cat "$sandbox_temporary/stderr" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "berth sandbox: the AWS emulator was not ready after 30 seconds; its log is $sandbox_temporary/stderr" >&2
    return 1
}

# Stops the emulator and removes the temporary folder; safe to call twice.
sandbox_stop_emulator() {
    if [ -n "${emulator_stdin:-}" ]; then
        exec {emulator_stdin}>&-
        emulator_stdin=
    fi
    if [ -n "${emulator_pid:-}" ]; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
        emulator_pid=
    fi
    if [ -n "${sandbox_temporary:-}" ]; then
        rm -rf "$sandbox_temporary"
        sandbox_temporary=
    fi
}

# Seeds the core-infra only: the wizard itself creates the secret and the service-linked role.
# BERTH_SANDBOX_SEED adds seed.py options, e.g. "--with-role" or "--without namespace".
sandbox_seed() {
    # shellcheck disable=SC2086 # the options are meant to split into words
    "$BERTH_RIG/venv/bin/python" "$berth_root/scripts/rig/seed.py" "$emulator_url" \
        --region us-west-2 ${BERTH_SANDBOX_SEED:-} >"$sandbox_folder/../seed.json"
    echo "berth sandbox: seeded core-infra ecs-blueprint-infra in us-west-2 at $emulator_url" >&2
}

# Exports the environment that sends every AWS client to the emulator with fake keys and
# puts the bundled Terraform first on PATH. Empty AWS config and credentials files stand in
# for the user's own, so a real profile is never read. Call it after sandbox_start_emulator.
sandbox_export_environment() {
    : >"$sandbox_temporary/aws-config"
    : >"$sandbox_temporary/aws-credentials"
    export PATH="$BERTH_RIG/bin:$PATH"
    export TF_CLI_CONFIG_FILE=/dev/null
    export AWS_ENDPOINT_URL=$emulator_url
    export AWS_ACCESS_KEY_ID=AKIAEMULATOREXAMPLE0
    export AWS_SECRET_ACCESS_KEY=emulator-fake-secret-key-not-real
    export AWS_REGION=us-west-2
    export AWS_DEFAULT_REGION=us-west-2
    export AWS_CONFIG_FILE=$sandbox_temporary/aws-config
    export AWS_SHARED_CREDENTIALS_FILE=$sandbox_temporary/aws-credentials
    export AWS_EC2_METADATA_DISABLED=true
    # The emulator also stands in for the GitHub API, so the token typed into the sandbox
    # never leaves the machine.
    export GITHUB_API_URL=$emulator_url/github-api
    unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
}
