// The report dialog, merged in when it loads, on a click of a message's Report
// (../reportMessages.ts; the button's own text: chat.ts).
export const en = {
  report: {
    title: 'Report {name}',
    reason: 'Reason',
    note: 'What happened? (optional)',
    submit: 'Send report',
    done: 'Thank you. The report was sent.',
    already: 'You have already reported this. Thank you.',
    failed: 'Could not send the report.',
    reasons: {
      spam: 'Spam or advertising',
      abuse: 'Abuse or harassment',
      scam: 'Scam or fraud',
      other: 'Something else',
    },
  },
}

export const ko: typeof en = {
  report: {
    title: '{name}님 신고',
    reason: '사유',
    note: '무슨 일이 있었나요? (선택)',
    submit: '신고하기',
    done: '신고가 접수되었습니다. 감사합니다.',
    already: '이미 신고한 내용입니다. 감사합니다.',
    failed: '신고를 보내지 못했습니다.',
    reasons: {
      spam: '스팸 또는 광고',
      abuse: '욕설 또는 괴롭힘',
      scam: '사기',
      other: '기타',
    },
  },
}
