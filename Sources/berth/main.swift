#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BerthTUI
import BerthTerraform
import BerthWizard
import Foundation

/// Writes a line to standard error. A failed write is ignored: after a terminal
/// closes, writes fail with EIO, and Berth must still stop Terraform and exit cleanly.
func complain(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
}

/// Ends the process once the wizard has started. Check threads may still be inside libcurl
/// and OpenSSL, and `exit` would run those libraries' clean-up handlers under them and crash,
/// so the output is flushed and the process ends without running exit handlers.
/// While a signal's stop is under way, only its handler (`fromSignal`) ends the process;
/// any other thread waits here, so Berth never exits before Terraform has stopped.
func finish(_ status: Int32, fromSignal: Bool = false) -> Never {
    if !fromSignal {
        TerminalGuard.shared.parkIfStopping()
    }
    fflush(stdout)
    fflush(stderr)
    _exit(status)
}

// A closed pipe must give EPIPE to the write, not end Berth while Terraform runs.
signal(SIGPIPE, SIG_IGN)

let options: CommandLineOptions
do {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    complain("berth: \(error)")
    exit(2)
}

switch options.command {
case .help:
    print(CommandLineOptions.usage)
    exit(0)
case .version:
    print("berth \(BerthVersion.current)")
    exit(0)
case .view:
    do {
        exit(try ViewCommand.run(path: options.viewFile ?? "", plain: options.plain, environment: ProcessInfo.processInfo.environment) { print($0) })
    } catch {
        complain("berth: \(error)")
        exit(2)
    }
case .check, .onboard, .redeploy:
    break
}

if options.command == .check {
    do {
        _ = try CheckSelection(only: options.checklist.only, skip: options.checklist.skip)
    } catch {
        complain("berth: \(error)")
        exit(2)
    }
}

let environment = ProcessInfo.processInfo.environment
let folder = URL(fileURLWithPath: options.folder ?? FileManager.default.currentDirectoryPath).standardizedFileURL
var isFolder: ObjCBool = false
guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
    complain("berth: the folder \(folder.path) does not exist; pass --folder with the backend-service folder.")
    exit(2)
}
let log = BerthLog(path: options.logFile ?? environment["BERTH_LOG"])
log.write("berth \(BerthVersion.current) \(options.command.rawValue) in \(folder.path)")

if options.answersFile != nil {
    finish(AnswersCommand.run(options: options, folder: folder, environment: environment, log: log))
}

let setup = WizardSetup(
    folder: folder,
    profile: options.profile,
    region: options.region,
    enginePath: options.enginePath,
    environment: environment,
    // $HOME first, as the AWS CLI and Terraform read it; the password database only without it.
    homeDirectory: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
)
let mode: WizardController.Mode = options.command == .redeploy ? .redeploy : .onboard

if options.command == .check {
    let configuration = setup.makeConfiguration()
    let flags = options.checklist
    let checklistOptions = ChecklistOptions(only: flags.only, skip: flags.skip, strict: flags.strict, json: flags.json)
    let write = { (line: String) in
        print(line)
        fflush(stdout)
        log.write(line)
    }
    if options.deployed {
        exit(ChecklistCommand.runDeployed(configuration, options: checklistOptions, timeout: options.deployedTimeout, write: write))
    }
    exit(ChecklistCommand.run(configuration, options: checklistOptions, write: write))
}

var startedController: WizardController?
let term = environment["TERM"] ?? ""
let useCurses = !options.plain && isatty(0) == 1 && isatty(1) == 1 && !term.isEmpty && term != "dumb"
if useCurses {
    // The first frame is drawn before the folder is parsed and the AWS settings are resolved.
    // The real welcome screen replaces it as soon as the controller exists.
    let placeholder = WizardController.startingScreen(
        folder: folder,
        profile: options.profile ?? environment["AWS_PROFILE"],
        region: options.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
    )
    let source = DeferredScreenSource(placeholder: placeholder) { () -> WizardController in
        let controller = WizardController(configuration: setup.makeConfiguration(), mode: mode)
        controller.start()
        return controller
    }
    do {
        TerminalGuard.shared.afterRestore = { _ in
            for line in StopReport.lines(run: source.waitForSource().lastRun, folder: folder) {
                print(line)
            }
        }
        let notes = try TUIApp.runInTerminal(source: source, environment: environment) { _ in
            source.waitForSource().stopRunForExit()
        }
        TerminalGuard.shared.parkIfStopping()
        for note in notes {
            complain(note)
        }
        let controller = source.waitForSource()
        controller.stopRunForExit()
        if let run = controller.lastRun {
            for line in PlainSummary.lines(for: run) {
                print(TokenPattern.mask(line))
            }
        }
        finish(controller.outcome?.exitCode ?? 0)
    } catch {
        complain("berth: the full-screen interface could not start (\(error)); using line prompts.")
        startedController = source.waitForSource()
    }
}

let controller: WizardController
if let startedController {
    controller = startedController
} else {
    controller = WizardController(configuration: setup.makeConfiguration(), mode: mode)
    controller.start()
}

let plainInput = ProcessPlainInput { complain($0) }
let signalSources = LineModeSignals.install(controller: controller, folder: folder, log: log) { plainInput.wake() }

let renderer = PlainRenderer(source: controller, input: plainInput, output: { line in
    print(line)
    fflush(stdout)
    log.write(line)
}, assumeYes: options.assumeYes)
let plainStatus = renderer.run()
controller.stopRunForExit()
finish(plainStatus)
