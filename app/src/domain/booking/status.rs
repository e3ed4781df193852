//! A booking's status: parsed once where a row is read, written as its code, labelled the same way everywhere.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Booked, not yet come.
    Active,
    /// Cancelled by the person (or declined by the family member it was for).
    Cancelled,
    /// Checked in at the desk: a ticket is in the queue.
    CheckedIn,
    /// Served at a window (办结).
    Served,
    /// Not come by the end of the slot (未到), counted towards a suspension.
    NoShow,
    /// Cancelled because the point stopped service for that time (暂停服务).
    Closed,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 6] = [Self::Active, Self::Cancelled, Self::CheckedIn, Self::Served, Self::NoShow, Self::Closed];

    /// The code stored in the database and used in URLs and forms.
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Cancelled => "cancelled",
            Self::CheckedIn => "checked_in",
            Self::Served => "served",
            Self::NoShow => "no_show",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    /// The one label of the status, wherever it is shown.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Active, Lang::Zh) => "已预约",
            (Self::Cancelled, Lang::Zh) => "已取消",
            (Self::CheckedIn, Lang::Zh) => "已签到",
            (Self::Served, Lang::Zh) => "已办结",
            (Self::NoShow, Lang::Zh) => "未到",
            (Self::Closed, Lang::Zh) => "因网点停止服务已取消",
            (Self::Active, Lang::En) => "Booked",
            (Self::Cancelled, Lang::En) => "Cancelled",
            (Self::CheckedIn, Lang::En) => "Checked in",
            (Self::Served, Lang::En) => "Served",
            (Self::NoShow, Lang::En) => "Did not come",
            (Self::Closed, Lang::En) => "Cancelled: the service point closed",
        }
    }
}

impl std::fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_code_and_has_its_own_label() {
        for s in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(&s.to_string()), Some(s));
            assert!(!s.label(Lang::Zh).is_empty() && !s.label(Lang::En).is_empty());
        }
        assert_eq!(BookingStatus::parse("Active"), None, "codes are exact");
        let labels: std::collections::HashSet<_> = BookingStatus::ALL.iter().map(|s| s.label(Lang::Zh)).collect();
        assert_eq!(labels.len(), BookingStatus::ALL.len());
        // Served is 办结 here as on the ticket (issue 15: one label for one state).
        assert_eq!(BookingStatus::Served.label(Lang::Zh), crate::domain::queue::TicketState::Served.zh());
    }
}
