using PlayDay.Web.Data;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Archive;

/// <summary>Arranges share-backs straight in the app's database (the triggers index them as for any insert).</summary>
public static class ArchiveData
{
    public static async Task<int> PlayDayAsync(PlayDayApp app, Browser organizer, string title = "AI Play Day 2026 Q4", string date = "2026-12-10") =>
        await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: title, date: date));

    public static Task<int> ShareBackAsync(PlayDayApp app, int playDayId, string team, string title, string body = "Body text.", string tags = "",
        DateTime? postedAtUtc = null) =>
        app.WithDbAsync(async db =>
        {
            var shareBack = new ShareBack
            {
                PlayDayId = playDayId,
                Team = new Team { PlayDayId = playDayId, Name = team, QueueBand = 1, CreatedAtUtc = app.Clock.Now.UtcDateTime, CreatedBy = "test" },
                Title = title,
                Body = body,
                Tags = tags,
                TeamMembers = "Ada Lovelace\nGrace Hopper",
                PostedAtUtc = postedAtUtc ?? app.Clock.Now.UtcDateTime,
                PostedBy = "Ada Lovelace",
                IdempotencyKey = Guid.NewGuid(),
            };
            db.ShareBacks.Add(shareBack);
            await db.SaveChangesAsync();
            return shareBack.Id;
        });
}
