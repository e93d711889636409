namespace CampusCompanion.Core.Turns;

public delegate ValueTask TurnDelegate(TurnContext turn, CancellationToken ct);

/// <summary>A step of the turn pipeline. Code before <c>await next(...)</c> runs inbound, code after it outbound.</summary>
public interface ITurnStep
{
    ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct);
}

/// <summary>The ordered middleware chain: normalise → language → safety screen → [handoff] → recognise →
/// dialog runtime → [insights] → save state.</summary>
public sealed class TurnPipeline
{
    private readonly TurnDelegate _entry;

    public TurnPipeline(IEnumerable<ITurnStep> steps)
    {
        Steps = steps.ToArray();
        TurnDelegate next = static (_, _) => ValueTask.CompletedTask;
        for (var i = Steps.Count - 1; i >= 0; i--)
        {
            var step = Steps[i];
            var after = next;
            next = (turn, ct) => step.InvokeAsync(turn, after, ct);
        }
        _entry = next;
    }

    public IReadOnlyList<ITurnStep> Steps { get; }

    public ValueTask RunAsync(TurnContext turn, CancellationToken ct) => _entry(turn, ct);
}
