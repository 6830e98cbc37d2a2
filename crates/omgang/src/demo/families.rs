//! The demo families and how far their cases have come.

/// How an ended case ended.
#[derive(Clone, Copy, Debug)]
pub(super) enum EndKind {
    Agreement,
    StoppedEarly,
    Reported,
}

/// How far a demo case has come.
#[derive(Clone, Copy, Debug)]
pub(super) enum Stage {
    Registered,
    Intake,
    Plan,
    RunningEarly,
    /// Two visits held, the next one still to plan.
    RunningMid,
    RunningLate,
    Ended(EndKind),
    NotEligible,
}

/// A demo family: the child, the resident and the visiting parent, where they live, and
/// whether the resident parent's address is secret.
pub(super) struct Family {
    pub(super) child: &'static str,
    pub(super) resident: &'static str,
    pub(super) visiting: &'static str,
    pub(super) place: &'static str,
    pub(super) secret: bool,
}

/// The families of [`Stage::RunningMid`], all at Kwadraad.
pub(super) const MORE_FAMILIES: &[Family] = &[
    Family {
        child: "Sofie",
        resident: "Ilse van Leeuwen",
        visiting: "Ruben van Leeuwen",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Daan",
        resident: "Naima Amrani",
        visiting: "Youssef Amrani",
        place: "Mijdrecht",
        secret: false,
    },
    Family {
        child: "Mila",
        resident: "Kim Dekker",
        visiting: "Jeroen Vos",
        place: "Vinkeveen",
        secret: true,
    },
    Family {
        child: "Sem",
        resident: "Anna Kuiper",
        visiting: "Bas Kuiper",
        place: "Abcoude",
        secret: false,
    },
    Family {
        child: "Zoë",
        resident: "Priya Ramdin",
        visiting: "Sunil Ramdin",
        place: "Uithoorn",
        secret: false,
    },
    Family {
        child: "Finn",
        resident: "Eva Brouwer",
        visiting: "Dirk Brouwer",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Lina",
        resident: "Sara Koç",
        visiting: "Emre Koç",
        place: "Mijdrecht",
        secret: false,
    },
    Family {
        child: "Thijs",
        resident: "Marloes Wit",
        visiting: "Koen Wit",
        place: "Vinkeveen",
        secret: false,
    },
    Family {
        child: "Nora",
        resident: "Lisa Hoekstra",
        visiting: "Wouter Hoekstra",
        place: "Uithoorn",
        secret: false,
    },
    Family {
        child: "Adam",
        resident: "Samira Bouzid",
        visiting: "Hamid Bouzid",
        place: "Abcoude",
        secret: false,
    },
    Family {
        child: "Isa",
        resident: "Joyce Pauw",
        visiting: "Mike Pauw",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Jesse",
        resident: "Carmen Smits",
        visiting: "Rick Smits",
        place: "Mijdrecht",
        secret: false,
    },
];

/// The families of the cases in every programme and stage (in turn).
pub(super) const FAMILIES: &[Family] = &[
    Family {
        child: "Noah",
        resident: "Sanne Bos",
        visiting: "Mark Bos",
        place: "Mijdrecht",
        secret: false,
    },
    Family {
        child: "Emma",
        resident: "Fleur Meijer",
        visiting: "Tim de Graaf",
        place: "Vinkeveen",
        secret: true,
    },
    Family {
        child: "Liam",
        resident: "Yasmina Haddou",
        visiting: "Karim Haddou",
        place: "Abcoude",
        secret: false,
    },
    Family {
        child: "Julia",
        resident: "Inge Peters",
        visiting: "Rob Peters",
        place: "Wilnis",
        secret: false,
    },
    Family {
        child: "Sem",
        resident: "Naomi Koster",
        visiting: "Dennis Koster",
        place: "Utrecht",
        secret: true,
    },
    Family {
        child: "Mila",
        resident: "Linda Vermeulen",
        visiting: "Erik Vermeulen",
        place: "Breukelen",
        secret: false,
    },
    Family {
        child: "Daan",
        resident: "Priya Ramdin",
        visiting: "Sunil Ramdin",
        place: "Maarssen",
        secret: false,
    },
    Family {
        child: "Tess",
        resident: "Marloes Smits",
        visiting: "Jeroen Smits",
        place: "Mijdrecht",
        secret: true,
    },
    Family {
        child: "Levi",
        resident: "Aylin Demir",
        visiting: "Murat Demir",
        place: "Uithoorn",
        secret: false,
    },
    Family {
        child: "Sara",
        resident: "Kim de Jong",
        visiting: "Thomas de Jong",
        place: "Vinkeveen",
        secret: false,
    },
    Family {
        child: "Finn",
        resident: "Esther Willems",
        visiting: "Bas Willems",
        place: "Amstelveen",
        secret: true,
    },
];
