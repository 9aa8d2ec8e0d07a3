import BerthTUI
import BerthWizard
import Testing

/// Where Enter in a text field moves the focus.
@Suite struct EnterInFieldTests {
    private static let secretStep = Screen(id: "github-secret", title: "GitHub token secret", fields: [
        FormField(id: "github_token_secret_name", label: "github_token_secret_name", value: "ecs-github-token"),
        FormField(id: "github_token", label: "GitHub token", kind: .secret, value: ""),
    ], actions: [
        ScreenAction(id: "recheck", label: "Check again"),
        ScreenAction(id: "next", label: "Continue", enabled: false),
        ScreenAction(id: "create-secret", label: "Create secret", confirmation: "Create the secret?", isDefault: true),
    ])

    @Test func enterInLastFieldFocusesDefault() {
        let source = FakeScreenSource(Self.secretStep)
        runLoop(source, keys: [.enter, .character("t"), .enter, .enter, .character("y")])

        #expect(source.intents == [
            .commitField(id: "github_token_secret_name"),
            .setField(id: "github_token", value: "t"),
            .commitField(id: "github_token"),
            .activate(actionID: "create-secret"),
        ])
    }

    @Test func enterInLastFieldWithoutDefaultMovesOn() {
        var screen = Self.secretStep
        screen.actions[2].enabled = false
        let source = FakeScreenSource(screen)
        runLoop(source, keys: [.enter, .enter, .enter])

        // Create secret cannot run, so Enter goes on in Tab order to Check again and activates it.
        #expect(source.intents == [
            .commitField(id: "github_token_secret_name"),
            .commitField(id: "github_token"),
            .activate(actionID: "recheck"),
        ])
    }
}
