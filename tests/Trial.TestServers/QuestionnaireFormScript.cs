namespace Trial.TestServers;

/// <summary>Script a browser test runs in the questionnaire page to answer it the way a participant clicks.</summary>
public static class QuestionnaireFormScript
{
    /// <summary>
    /// 1 where 1 is an option (else the lowest), ladder step 6, EQ VAS 70; returns how many choice items were answered.
    /// Gives HADS 7 + 7 = 14 on the 6-month form.
    /// </summary>
    public const string AnswerEverything = """
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
}
