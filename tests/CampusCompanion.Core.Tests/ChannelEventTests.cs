using System.Text.Json;
using CampusCompanion.Core.Protocol;

namespace CampusCompanion.Core.Tests;

/// <summary>The widget tells the bot who joined and which language they picked.</summary>
public sealed class ChannelEventTests
{
    private static readonly ConversationAccount Conversation = new() { Id = "events-" + Guid.NewGuid().ToString("N") };

    private static Activity Event(string name, object value) => new()
    {
        Type = ActivityTypes.Event, Name = name, Value = JsonSerializer.SerializeToElement(value), ChannelId = "directline",
        Conversation = Conversation, From = new() { Id = "dl_u", Role = "user" }, Recipient = new() { Id = "bot", Role = "bot" },
    };

    private static Activity Message(string text) => Event("x", new { }) with { Type = ActivityTypes.Message, Name = null, Value = null, Text = text };

    [Fact]
    public async Task Join_WelcomesOnceInTheChosenLanguage()
    {
        using var services = TestHost.Build();
        var processor = TestHost.Processor(services);
        var first = await processor.ProcessAsync(Event("webchat/join", new { language = "en", audience = "parent" }), default);
        Assert.Equal(["welcome.hello", "welcome.disclosure_parent", "parent_menu.main.prompt"], first.Replies.Select(r => r.Key));
        Assert.StartsWith("Hi! I'm CampusCompanion", first.Replies[0].Activity.Text);
        var again = await processor.ProcessAsync(Event("webchat/join", new { language = "en", audience = "parent" }), default);
        Assert.Empty(again.Replies);
        var state = await TestHost.Store(services).LoadAsync(new("directline", Conversation.Id!, "dl_u"), default);
        Assert.Equal("parent", state.User.Audience);
    }

    [Fact]
    public async Task LanguagePicker_KeepsThePlace_AndAsksAgainInTheNewLanguage()
    {
        using var services = TestHost.Build();
        var processor = TestHost.Processor(services);
        await processor.ProcessAsync(Event("webchat/join", new { language = "nl", audience = "student" }), default);
        var reflection = await processor.ProcessAsync(Message("1"), default);
        Assert.Equal("study_choice.motive.prompt", reflection.Replies[^1].Key);
        var switched = await processor.ProcessAsync(Event("campus/language", new { language = "en" }), default);
        Assert.Equal(["language.confirmed", "study_choice.motive.prompt"], switched.Replies.Select(r => r.Key));
        Assert.Equal("What is the main reason you chose this programme?", switched.Replies[^1].Activity.Text);
        var next = await processor.ProcessAsync(Message("The subjects interest me"), default);
        Assert.Equal("study_choice.own_choice.prompt", next.Replies.Single().Key);
    }

    [Fact]
    public async Task UnknownLanguagesAndEvents_AreIgnoredPolitely()
    {
        using var services = TestHost.Build();
        var processor = TestHost.Processor(services);
        Assert.Empty((await processor.ProcessAsync(Event("something/else", new { language = "en" }), default)).Replies);
        var joined = await processor.ProcessAsync(Event("webchat/join", new { language = "klingon", audience = "alien" }), default);
        Assert.Equal("welcome.hello", joined.Replies[0].Key);
        Assert.StartsWith("Hoi!", joined.Replies[0].Activity.Text);
    }

    [Fact]
    public async Task InTeams_EveryoneIsAStudent_SoNobodyIsAskedWhoTheyAre()
    {
        using var services = TestHost.Build();
        var result = await TestHost.Processor(services).ProcessAsync(Message("hoi") with { ChannelId = "msteams" }, default);
        Assert.Equal(["welcome.hello", "welcome.disclosure", "menu.main.prompt"], result.Replies.Select(r => r.Key));
    }

    [Fact]
    public async Task AVisitorWhoSwitchesToParent_GetsTheParentsMenu_AndTheChoiceIsKept()
    {
        using var services = TestHost.Build();
        var processor = TestHost.Processor(services);
        var joined = await processor.ProcessAsync(Event("webchat/join", new { language = "en", audience = "student" }), default);
        Assert.Equal("menu.main.prompt", joined.Replies[^1].Key);
        var switched = await processor.ProcessAsync(Event("webchat/join", new { language = "en", audience = "parent" }), default);
        Assert.Equal(["parent_menu.main.prompt"], switched.Replies.Select(r => r.Key));
        var menu = await processor.ProcessAsync(Message("menu"), default);
        Assert.Equal("parent_menu.main.prompt", menu.Replies[^1].Key);
    }

    [Fact]
    public async Task ThePageMaySayWhoIsVisiting_InChannelData()
    {
        using var services = TestHost.Build();
        var message = Message("hello") with { ChannelData = JsonSerializer.SerializeToElement(new { audience = "parent" }) };
        var result = await TestHost.Processor(services).ProcessAsync(message, default);
        Assert.Equal("parent_menu.main.prompt", result.Replies[^1].Key);
    }
}
