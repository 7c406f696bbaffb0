using System.Net;
using Microsoft.Data.Sqlite;

namespace PlayDay.Web.Tests.Health;

public sealed class HealthTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Healthz_is_200_when_the_database_answers()
    {
        using var response = await _app.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_is_503_when_the_database_does_not_answer()
    {
        var client = _app.CreateBrowser();
        using (await client.GetAsync("/healthz"))
        {
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_app.DataDirectory, "playday.db*"))
        {
            File.Delete(file);
        }
        await File.WriteAllTextAsync(_app.DatabasePath, "this is not a database, it is a note about one");

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
