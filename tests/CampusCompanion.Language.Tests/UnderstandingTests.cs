using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Language.Tests;

public sealed class UnderstandingTests
{
    [Fact]
    public void CrisisScreen_CatchesEveryCrisisLine_WithFewFalseAlarms()
    {
        using var services = NluHost.Build();
        var rows = NluHost.Rows("crisis");
        Assert.Superset(new HashSet<string> { "nl", "en", "tr", "ar", "pl", "uk" }, rows.Select(r => r.Locale).ToHashSet());
        var report = NluEvaluation.Evaluate(services.GetRequiredService<Understanding>(), rows);
        Assert.True(report.Crisis.Crisis >= 300, "the crisis set is substantial");
        Assert.Equal(1.0, report.Crisis.Recall);
        Assert.True(report.Crisis.FalsePositiveRate <= 0.02, report.Format());
    }

    [Fact]
    public void HeldOutSplit_MacroF1IsAtLeast090_InEachOfTheSixLanguages()
    {
        using var services = NluHost.Build();
        var report = NluEvaluation.Evaluate(services.GetRequiredService<Understanding>(), NluHost.Rows("heldout"));
        Assert.Superset(new HashSet<string> { "nl", "en", "tr", "ar", "pl", "uk" }, report.Languages.Select(l => l.Language).ToHashSet());
        Assert.All(report.Languages, l => Assert.True(l.MacroF1 >= 0.90, report.Format()));
    }

    [Fact]
    public void LanguageIdentification_IsRightForAtLeast95PercentOfSingleMessages()
    {
        using var services = NluHost.Build();
        var report = NluEvaluation.Evaluate(services.GetRequiredService<Understanding>(), NluHost.Rows("heldout"));
        Assert.NotEmpty(report.Languages);
        Assert.All(report.Languages, l => Assert.True(l.LanguageIdAccuracy >= 0.95, report.Format()));
    }

    [Theory]
    [InlineData("deze deadline maakt me kapot")]
    [InlineData("I'm dying to start my internship")]
    [InlineData("ik ga dood van het lachen om die docent")]
    [InlineData("this exam is killing me haha")]
    [InlineData("stress is taking over my life")]
    public void Confusables_AreNotACrisis(string text)
    {
        using var services = NluHost.Build();
        Assert.False(services.GetRequiredService<Understanding>().Understand(text).Crisis);
    }

    [Theory]
    [InlineData("ik wil niet meer leven")]
    [InlineData("ik denk erover om er een einde aan te maken")]
    [InlineData("i want to end it all tonight")]
    [InlineData("kendimi öldürmek istiyorum")]
    [InlineData("kendimi oldurmek istiyorum")]
    [InlineData("z3lfm00rd")]
    public void DangerSignals_AreACrisis_WhateverTheSpelling(string text)
    {
        using var services = NluHost.Build();
        var understood = services.GetRequiredService<Understanding>().Understand(text);
        Assert.True(understood.Crisis);
        Assert.Equal("crisis", understood.Intent.Intent);
    }

    [Fact]
    public void MacroF1_CountsEveryLabel()
    {
        Assert.Equal(1.0, NluEvaluation.MacroF1([("a", "a"), ("b", "b")]));
        Assert.Equal(0.0, NluEvaluation.MacroF1([("a", "b"), ("b", "a")]));
        Assert.InRange(NluEvaluation.MacroF1([("a", "a"), ("a", "b"), ("b", "b")]), 0.66, 0.67);
    }

    [Fact]
    public void EvalRows_NameTheLineOfAMalformedRow()
    {
        var ex = Assert.Throws<FormatException>(() => EvalRow.Read(new StringReader("nl\tbsa_info\twat is bsa\nkapot")).ToList());
        Assert.Contains("line 2", ex.Message);
    }
}

/// <summary>Free text through the whole pipeline: routed to the right dialog, in the user's language.</summary>
public sealed class FreeTextRoutingTests
{
    private static Activity Message(string conversation, string text, string locale) => new()
    {
        Type = ActivityTypes.Message, Text = text, Locale = locale, ChannelId = "msteams", Id = Guid.NewGuid().ToString("N"),
        Conversation = new() { Id = conversation }, From = new() { Id = "u-" + conversation }, Recipient = new() { Id = "bot" },
    };

    [Theory]
    [InlineData("nl", "ik twijfel echt of deze studie wel bij me past", "study_choice.intro")]
    [InlineData("en", "honestly I'm not sure this programme is the right one for me", "study_choice.intro")]
    [InlineData("nl", "ik wil graag al mijn gegevens laten verwijderen", "privacy.what_we_keep")]
    public async Task AQuestion_GoesToItsDialog_InTheUsersLanguage(string locale, string text, string firstKey)
    {
        using var services = NluHost.Build();
        var processor = services.GetRequiredService<TurnProcessor>();
        var conversation = Guid.NewGuid().ToString("N");
        await processor.ProcessAsync(Message(conversation, "hoi", locale), default);
        var result = await processor.ProcessAsync(Message(conversation, text, locale), default);
        Assert.Equal(firstKey, result.Replies[0].Key);
        Assert.All(result.Replies, r => Assert.Equal(locale, r.Activity.Locale));
    }

    [Fact]
    public async Task ACrisisMessageMidDialog_InterruptsWithTheCrisisResponse()
    {
        using var services = NluHost.Build();
        var processor = services.GetRequiredService<TurnProcessor>();
        var conversation = Guid.NewGuid().ToString("N");
        await processor.ProcessAsync(Message(conversation, "hoi", "nl"), default);
        Assert.Equal("study_choice.motive.prompt", (await processor.ProcessAsync(Message(conversation, "1", "nl"), default)).Replies[^1].Key);
        var crisis = await processor.ProcessAsync(Message(conversation, "ik zie het echt niet meer zitten, ik wil dood", "nl"), default);
        Assert.Equal("crisis.first", crisis.Replies[0].Key);
        Assert.Contains("0800-0113", crisis.Replies[0].Activity.Text);
    }

    [Fact]
    public async Task AMessageInAnotherLanguage_IsAnsweredAfterTheUserAgreesToSwitch()
    {
        using var services = NluHost.Build();
        var processor = services.GetRequiredService<TurnProcessor>();
        var conversation = Guid.NewGuid().ToString("N");
        await processor.ProcessAsync(Message(conversation, "hoi", "nl"), default);
        await processor.ProcessAsync(Message(conversation, "menu", "nl"), default);
        var offer = await processor.ProcessAsync(Message(conversation, "honestly I'm not sure this programme is the right one for me", "nl"), default);
        var question = Assert.Single(offer.Replies);
        Assert.Equal("language.offer.prompt", question.Key);
        Assert.Equal("Shall we continue in English?", question.Activity.Text);
        Assert.Equal(["Yes, in English", "Nee, Nederlands"], question.Activity.SuggestedActions!.Actions.Select(a => a.Title));
        var answered = await processor.ProcessAsync(Message(conversation, "Yes, in English", "nl"), default);
        Assert.Equal("study_choice.intro", answered.Replies[0].Key);
        Assert.StartsWith("Good that you want to think about this", answered.Replies[0].Activity.Text);

        // Declined once, never asked again for that language.
        var other = Guid.NewGuid().ToString("N");
        await processor.ProcessAsync(Message(other, "hoi", "nl"), default);
        await processor.ProcessAsync(Message(other, "menu", "nl"), default);
        Assert.Equal("language.offer.prompt", (await processor.ProcessAsync(Message(other, "could you tell me something about the internship search", "nl"), default)).Replies[0].Key);
        var stayed = await processor.ProcessAsync(Message(other, "Nee, Nederlands", "nl"), default);
        Assert.All(stayed.Replies, r => Assert.Equal("nl", r.Activity.Locale));
        var again = await processor.ProcessAsync(Message(other, "could you tell me something about the internship search", "nl"), default);
        Assert.DoesNotContain(again.Replies, r => r.Key == "language.offer.prompt");
    }

    [Fact]
    public async Task AnAnswerInOwnWords_InAnotherLanguage_IsKeptAsWritten_WithoutAnOfferToSwitch()
    {
        using var services = NluHost.Build();
        var processor = services.GetRequiredService<TurnProcessor>();
        var conversation = Guid.NewGuid().ToString("N");
        await processor.ProcessAsync(Message(conversation, "hoi", "nl"), default);
        await processor.ProcessAsync(Message(conversation, "1", "nl"), default);
        foreach (var answer in new[] { "1", "1", "1", "1", "1", "1" }) await processor.ProcessAsync(Message(conversation, answer, "nl"), default);
        var strengths = await processor.ProcessAsync(Message(conversation, "honestly I am really good at listening to people and planning things", "nl"), default);
        Assert.Equal("study_choice.steering.prompt", strengths.Replies[0].Key);
        Assert.All(strengths.Replies, r => Assert.Equal("nl", r.Activity.Locale));
    }

    [Theory]
    [InlineData("English please", "en", "Great, let's continue in English.")]
    [InlineData("kun je Engels praten?", "en", "Great, let's continue in English.")]
    public async Task AnExplicitLanguageRequest_SwitchesAtOnce_AndKeepsThePlace(string text, string language, string confirmation)
    {
        using var services = NluHost.Build();
        var processor = services.GetRequiredService<TurnProcessor>();
        var conversation = Guid.NewGuid().ToString("N");
        await processor.ProcessAsync(Message(conversation, "hoi", "nl"), default);
        await processor.ProcessAsync(Message(conversation, "1", "nl"), default);
        var switched = await processor.ProcessAsync(Message(conversation, text, "nl"), default);
        Assert.Equal(confirmation, switched.Replies[0].Activity.Text);
        Assert.Equal("study_choice.motive.prompt", switched.Replies[^1].Key);
        Assert.Equal(language, switched.Replies[^1].Activity.Locale);
    }
}

public sealed class NumbersWithoutAQuestionTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("3!")]
    [InlineData("👍")]
    public void AMessageWithoutLetters_HasNoIntent(string text)
    {
        using var services = NluHost.Build();
        Assert.Equal("none", services.GetRequiredService<Understanding>().Understand(text).Intent.Intent);
    }
}
