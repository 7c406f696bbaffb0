namespace PlayDay.Web.Tests;

/// <summary>Waits for something the app does in the background, failing the test after a bounded time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
            }
            await Task.Delay(100);
        }
    }
}
