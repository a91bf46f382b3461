using Microsoft.Playwright;

namespace Trial.TestServers;

/// <summary>Answers the participant questionnaire in a browser page, one instrument page at a time, the way a participant clicks.</summary>
public static class QuestionnaireFormScript
{
    /// <summary>
    /// On the current page: 1 where 1 is an option (else the lowest), ladder step 6, EQ VAS 70; returns how many
    /// choice items were answered. Over the whole 6-month form this gives HADS 7 + 7 = 14.
    /// </summary>
    public const string AnswerThisPage = """
        (() => {
          const names = [...new Set([...document.querySelectorAll('input[type=radio]')].map(i => i.name))];
          for (const name of names) {
            const options = [...document.getElementsByName(name)];
            const wanted = name === 'q.ladder.step' ? '6' : '1';
            (options.find(o => o.value === wanted) ?? options.reduce((a, b) => (+a.value < +b.value ? a : b))).click();
          }
          for (const input of document.querySelectorAll('input[type=number]')) input.value = '70';
          return names.length;
        })()
        """;

    /// <summary>Answers every page from the current one, going on with "Next", and submits on the last; returns the choice items answered.</summary>
    public static async Task<int> AnswerEverythingAsync(IPage page, Func<int, Task>? onEachPage = null)
    {
        var answered = 0;
        for (var pageNumber = 0; ; pageNumber++)
        {
            // The buttons close the form, so once one is in the DOM every question above it is too. Answering a page
            // still being parsed (a loaded machine) left questions blank, and the submit then came back with errors.
            await page.Locator("#submit, #next").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            answered += await page.EvaluateAsync<int>(AnswerThisPage);
            if (onEachPage is not null)
            {
                await onEachPage(pageNumber);
            }
            if (await page.Locator("#submit").CountAsync() > 0)
            {
                await page.ClickAsync("#submit");
                return answered;
            }
            await page.ClickAsync("#next");
        }
    }
}
