//! What changed in the programme since this browser last showed it. A corrected programme
//! comes with a new deployment; the page that shows it first marks what moved, what is new
//! and what was cancelled, once. It keeps a [`snapshot`] of what it showed (the browser's
//! storage, see `ui::start`): a line per session of its id, times, title and speaker.

use model::{Programme, Text};

/// How one session differs from the one shown before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// It starts at another time: planned for `from` (Unix seconds) before.
    Moved { from: i64 },
    /// Its end, title or speaker changed.
    Changed,
    /// Not in the programme shown before.
    New,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub marks: Vec<(&'static str, Mark)>,
    /// The titles (English) of sessions no longer in the programme.
    pub cancelled: Vec<String>,
}

impl Changes {
    pub fn mark(&self, id: &str) -> Option<Mark> {
        self.marks.iter().find(|(i, _)| *i == id).map(|(_, m)| *m)
    }
}

/// The programme as the browser keeps it.
pub fn snapshot(programme: &Programme) -> String {
    let flat = |t: &Text| t.original.replace(['\t', '\n', '\r'], " ");
    programme
        .sessions
        .iter()
        .map(|s| {
            let speaker = s.speaker.as_ref().map(flat).unwrap_or_default();
            format!(
                "{}\t{}\t{}\t{}\t{speaker}\n",
                s.id.as_ref(),
                s.starts.unix,
                s.ends.unix,
                flat(&s.title)
            )
        })
        .collect()
}

/// What changed from `previous` (a [`snapshot`]) to `programme`. Nothing when `previous` is
/// empty or unreadable: a first visit has nothing to compare.
pub fn since(previous: &str, programme: &'static Programme) -> Changes {
    struct Shown<'a> {
        id: &'a str,
        starts: i64,
        rest: (i64, &'a str, &'a str),
    }
    let shown: Option<Vec<Shown>> = previous
        .lines()
        .map(|line| {
            let mut fields = line.split('\t');
            let id = fields.next()?;
            let starts = fields.next()?.parse().ok()?;
            let ends = fields.next()?.parse().ok()?;
            let title = fields.next()?;
            let speaker = fields.next()?;
            Some(Shown {
                id,
                starts,
                rest: (ends, title, speaker),
            })
        })
        .collect();
    let Some(shown) = shown.filter(|s| !s.is_empty()) else {
        return Changes::default();
    };
    let marks = programme
        .sessions
        .iter()
        .filter_map(|session| {
            let id = session.id.as_ref();
            let speaker = session.speaker.as_ref().map_or("", |s| &*s.original);
            let mark = match shown.iter().find(|s| s.id == id) {
                None => Mark::New,
                Some(before) if before.starts != session.starts.unix => Mark::Moved {
                    from: before.starts,
                },
                Some(before)
                    if before.rest != (session.ends.unix, &*session.title.original, speaker) =>
                {
                    Mark::Changed
                }
                Some(_) => return None,
            };
            Some((id, mark))
        })
        .collect();
    let cancelled = shown
        .iter()
        .filter(|s| !programme.sessions.iter().any(|p| p.id.as_ref() == s.id))
        .map(|s| s.rest.1.to_owned())
        .collect();
    Changes { marks, cancelled }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::PROGRAMME;

    /// The snapshot of the programme being built, with one line changed by `edit`.
    fn edited(edit: impl Fn(usize, Vec<String>) -> Option<Vec<String>>) -> String {
        snapshot(&PROGRAMME)
            .lines()
            .enumerate()
            .filter_map(|(i, line)| edit(i, line.split('\t').map(str::to_owned).collect()))
            .map(|fields| fields.join("\t") + "\n")
            .collect()
    }

    #[test]
    fn the_same_programme_has_no_changes() {
        assert_eq!(since(&snapshot(&PROGRAMME), &PROGRAMME), Changes::default());
        assert_eq!(since("", &PROGRAMME), Changes::default());
        assert_eq!(since("not\ta snapshot", &PROGRAMME), Changes::default());
    }

    #[test]
    fn moved_changed_new_and_cancelled_are_told_apart() {
        let sessions = &PROGRAMME.sessions;
        let last = sessions.len() - 1;
        // Before: the first session an hour earlier, the second under another title, the
        // last not there, and one more that is gone now.
        let mut previous = edited(|i, mut f| match i {
            0 => {
                f[1] = (sessions[0].starts.unix - 3600).to_string();
                Some(f)
            }
            1 => {
                f[3] = "An older title".into();
                Some(f)
            }
            i if i == last => None,
            _ => Some(f),
        });
        previous += "gone\t0\t60\tA session since cancelled\t\n";
        let changes = since(&previous, &PROGRAMME);
        let id = |i: usize| sessions[i].id.as_ref();
        assert_eq!(
            changes.mark(id(0)),
            Some(Mark::Moved {
                from: sessions[0].starts.unix - 3600
            })
        );
        if last > 1 {
            assert_eq!(changes.mark(id(1)), Some(Mark::Changed));
        }
        assert_eq!(changes.mark(id(last)), Some(Mark::New));
        assert_eq!(changes.cancelled, ["A session since cancelled"]);
        assert_eq!(changes.marks.len(), if last > 1 { 3 } else { 2 });
    }
}
