#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BerthTUI
import BerthWizard
import Foundation

/// `berth [redeploy] --answers FILE`: the wizard without questions, in plain lines.
enum AnswersCommand {
    /// Runs the wizard from the answers file and returns the exit status. Never starts curses.
    static func run(options: CommandLineOptions, folder: URL, environment: [String: String], log: BerthLog) -> Int32 {
        let answers: AnswersFile
        let profile: String?
        let region: String?
        do {
            answers = try AnswersFile.load(path: options.answersFile ?? "")
            profile = try merged("profile", flag: options.profile, answers: answers)
            region = try merged("region", flag: options.region, answers: answers)
        } catch {
            complain("berth: \(error)")
            return 2
        }

        var token: String?
        if options.tokenFromStdin {
            guard isatty(0) == 0 else {
                complain("berth: --token-stdin reads a pipe, but stdin is a terminal; leave --token-stdin out and Berth asks for the token with typing hidden.")
                return 2
            }
            // Only the first line is read, so a pipe that stays open after the token does not block.
            token = readLine(strippingNewline: true).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
            guard let read = token, !read.isEmpty else {
                complain("berth: --token-stdin found no token on stdin; pipe the token alone, such as from your CI secret store.")
                return 2
            }
            if let problem = TokenPattern.storeProblem(read) {
                complain("berth: --token-stdin: \(problem) Nothing was changed in the account.")
                return 2
            }
        }

        let setup = WizardSetup(
            folder: folder,
            profile: profile,
            region: region,
            enginePath: options.enginePath,
            environment: environment,
            homeDirectory: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        )
        var configuration = setup.makeConfiguration()
        if options.region == nil, region != nil, configuration.settings.regionSource == "--region" {
            configuration.settings.regionSource = answers.location(of: "region")
        }
        do {
            guard let files = configuration.files else {
                complain("berth: \(configuration.filesProblem ?? "the folder's .tf files could not be read") Pass --folder with the backend-service folder.")
                return 2
            }
            let declared = try files.variables()
            try answers.checkKeys(declared: declared)
            let existing = try files.currentValues()
            var provided = Set(existing.filter { !$0.value.isEmpty }.keys)
            if configuration.settings.region != nil {
                provided.insert("aws_region")
            }
            try answers.checkRequired(declared: declared, provided: provided)
            try answers.checkValues(declared: declared, existing: existing, region: configuration.settings.region, files: files)
        } catch {
            complain("berth: \(error)")
            return 2
        }

        let controller = WizardController(configuration: configuration, mode: options.command == .redeploy ? .redeploy : .onboard)
        controller.start()
        let input = ProcessPlainInput { complain($0) }
        let signals = LineModeSignals.install(controller: controller, folder: folder, log: log) { input.wake() }
        defer { signals.forEach { $0.cancel() } }

        let renderer = AnswersRenderer(source: controller, answers: answers, token: { secretName in
            if let piped = token {
                token = nil
                return piped
            }
            return input.readSecret("GitHub token for \(secretName) (typing is hidden): ")
        }, output: { line in
            print(line)
            fflush(stdout)
            log.write(line)
        })
        say("berth: answering from \(answers.path) (\(answers.entries.count) answers); no question is asked on the terminal except the GitHub token.", log: log)
        let status = renderer.run()
        controller.stopRunForExit()
        return status
    }

    /// Returns the flag's value or the file's, and throws when both are given and differ.
    private static func merged(_ key: String, flag: String?, answers: AnswersFile) throws -> String? {
        let fromFile = answers.text(key)
        if let flag, let fromFile, flag != fromFile {
            throw AnswersError(file: answers.path, line: answers.entry(key)?.line, key: key,
                               problem: "is \"\(fromFile)\", but --\(key) gives \"\(flag)\".", fix: "Give one of them, or make them agree.")
        }
        if key == "region", flag == nil, let fromFile, !CommandLineOptions.isRegionName(fromFile) {
            throw AnswersError(file: answers.path, line: answers.entry(key)?.line, key: key,
                               problem: "\"\(fromFile)\" is not a region name.", fix: "Use one such as us-west-2 (not an availability zone such as us-west-2a).")
        }
        return flag ?? fromFile
    }

    private static func say(_ line: String, log: BerthLog) {
        print(line)
        log.write(line)
    }
}
