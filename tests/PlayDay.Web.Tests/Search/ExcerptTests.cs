using PlayDay.Web.Search;

namespace PlayDay.Web.Tests.Search;

/// <summary>The excerpt made in C# for PostgreSQL (from ts_headline's marks) and SQL Server (marks and all).</summary>
public sealed class ExcerptTests
{
    private static string Words(int from, int count) => string.Join(' ', Enumerable.Range(from, count).Select(i => $"w{i}"));

    [Fact]
    public void Without_a_match_the_excerpt_is_the_text_s_start_with_an_ellipsis()
    {
        Assert.Equal("w0 w1 w2 w3…", Excerpt.Cut(Words(0, 10), words: 4));
        Assert.Equal("w0 w1 w2.", Excerpt.Cut("w0 w1 w2.", words: 4));
    }

    [Fact]
    public void A_match_in_the_first_sentence_keeps_the_sentence_s_start()
    {
        var text = $"We asked the model to sort \u0001tickets\u0002 by urgency. {Words(0, 30)}";

        Assert.Equal("We asked the model to sort \u0001tickets\u0002 by urgency. w0 w1 w2…", Excerpt.Cut(text, words: 12));
    }

    [Fact]
    public void A_match_far_into_the_text_is_shown_with_the_words_around_it()
    {
        var text = $"{Words(0, 40)} \u0001prompt\u0002 {Words(40, 40)}";

        var excerpt = Excerpt.Cut(text, words: 9);

        Assert.Equal("…w36 w37 w38 w39 \u0001prompt\u0002 w40 w41 w42 w43…", excerpt);
    }

    [Fact]
    public void Two_different_words_matched_together_beat_one_word_matched_often()
    {
        var text = $"\u0001agent\u0002 {Words(0, 3)} \u0001agent\u0002 {Words(3, 30)} \u0001agent\u0002 w \u0001invoice\u0002 {Words(33, 10)}";

        Assert.Contains("\u0001agent\u0002 w \u0001invoice\u0002", Excerpt.Cut(text, words: 8), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mark_around_several_words_that_the_cut_splits_is_closed()
    {
        var text = $"{Words(0, 20)} \u0001example.com/path\u0002 {Words(20, 20)}";

        var excerpt = Excerpt.Cut(text, words: 21);

        Assert.Equal(excerpt.Count(c => c == Excerpt.MarkStart), excerpt.Count(c => c == Excerpt.MarkEnd));
    }

    [Fact]
    public void Marking_finds_a_word_s_inflections_and_nothing_that_only_starts_alike()
    {
        var marked = Excerpt.Mark("Prompts, prompting and a prompt; we classified it. Promenade, pro.", ["prompt", "classify"]);

        Assert.Equal("\u0001Prompts\u0002, \u0001prompting\u0002 and a \u0001prompt\u0002; we \u0001classified\u0002 it. Promenade, pro.", marked);
    }
}
